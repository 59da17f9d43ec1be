package org.aftersales.cases;

/** How goods come back: a door-to-door pickup booked with the carrier, or the customer sends them. */
public enum ReturnMethod { PICKUP, SELF_SHIP }
