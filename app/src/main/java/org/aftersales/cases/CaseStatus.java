package org.aftersales.cases;

/** Whether a case is still being worked on. */
public enum CaseStatus { OPEN, CLOSED }
