package org.aftersales.cases;

/** What caused a fault, as the customer says before a repair and the technician finds in the diagnosis. */
public enum FaultCause { QUALITY_DEFECT, ACCIDENTAL_DAMAGE, MISUSE, UNKNOWN }
