package org.aftersales.cases;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * What the core and the refund payment need of a complaint's own record, without knowing the complaint flow: the
 * complaint's details kept when its case opens, and the compensation cap its rule table set. The complaint flow's
 * {@code ComplaintBook} implements it.
 */
public interface ComplaintRecords {

  /** Keeps the complaint section of a case that opens, in the same transaction as the case. */
  void insert(CaseRecord c, OpenCaseRequest.Complaint complaint);

  /** The most that may be paid on a complaint case (假一赔十 may exceed the price); empty for an unknown case. */
  Optional<BigDecimal> compensationCap(String caseId);
}
