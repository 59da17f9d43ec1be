package org.aftersales.cases;

import java.util.List;

/** One page of a customer's cases, newest first. */
public record CasePage(List<CaseView> items, int page, int size, long total) {}
