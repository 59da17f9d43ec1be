package org.aftersales.cases;

/** Where the request came in. */
public enum Channel { WEB, APP, PHONE, EMAIL, SOCIAL }
