package org.aftersales.sla;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.aftersales.cases.CaseRecord;
import org.aftersales.cases.CaseType;
import org.aftersales.complaint.ComplaintBook;
import org.aftersales.complaint.ComplaintProcess;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * How each seller served its customers over the cases of a report, worst first:
 *
 * <ul>
 *   <li>complaint rate: complaints against the seller among its after-sales cases (complaints included);
 *   <li>second-complaint rate: its complaints that were a second complaint about the same matter;
 *   <li>upheld complaints: complaints decided upheld (after an appeal, as the appeal decided), while the appeal window
 *       runs too; penalties imposed on the seller's complaints, with points and fines;
 *   <li>refund rate: its cases in which money went back to the customer (refund or compensation);
 *   <li>dispute rate: its return, exchange, re-shipment and repair cases that a customer took to the platform in a
 *       complaint;
 *   <li>first response and resolution: median and share on time, counted as they stand (see {@link CaseSla}).
 * </ul>
 *
 * <p>Ranked by upheld complaints, then complaint rate, then dispute rate (more is worse), then first response on
 * time (less is worse).
 */
@Component
public class SellerQuality {

  /** One seller's figures; {@code rank} 1 is the seller with the most to answer for. */
  public record Seller(int rank, String sellerId, int cases, int complaints, Double complaintRate,
      Double secondComplaintRate, int upheldComplaints, int penalties, int penaltyPoints, Map<String, BigDecimal> fines,
      Double refundRate, Double disputeRate, Long firstResponseP50Minutes, Double firstResponseOnTime,
      Long resolutionP50Minutes, Double resolvedOnTime, Double averageResponseScore) {}

  static final String CSV_HEADER = "rank,sellerId,cases,complaints,complaintRate,secondComplaintRate,upheldComplaints,"
      + "penalties,penaltyPoints,fines,refundRate,disputeRate,firstResponseP50Minutes,firstResponseOnTime,"
      + "resolutionP50Minutes,resolvedOnTime,averageResponseScore";

  /** Rows a query takes at most in one IN list. */
  private static final int BATCH = 500;

  private final JdbcTemplate jdbc;

  SellerQuality(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  List<Seller> rank(List<CaseRecord> cases, Map<String, CaseSla> slas, Map<String, ComplaintBook.Complaint> complaints) {
    Set<String> disputed = complainedAbout(cases.stream().filter(c -> c.type() != CaseType.COMPLAINT)
        .map(CaseRecord::caseId).toList());
    List<String> complaintIds = cases.stream().filter(c -> c.type() == CaseType.COMPLAINT).map(CaseRecord::caseId).toList();
    Map<String, List<Object[]>> penalties = penalties(complaintIds);
    Map<String, List<CaseRecord>> bySeller = cases.stream().filter(c -> c.sellerId() != null)
        .collect(Collectors.groupingBy(CaseRecord::sellerId, TreeMap::new, Collectors.toList()));
    List<Seller> rows = new ArrayList<>();
    bySeller.forEach((seller, own) -> {
      List<CaseRecord> complained = own.stream().filter(c -> c.type() == CaseType.COMPLAINT).toList();
      List<CaseRecord> others = own.stream().filter(c -> c.type() != CaseType.COMPLAINT).toList();
      List<ComplaintBook.Complaint> records = complained.stream().map(c -> complaints.get(c.caseId()))
          .filter(Objects::nonNull).toList();
      List<Object[]> imposed = complained.stream().flatMap(c -> penalties.getOrDefault(c.caseId(), List.of()).stream())
          .toList();
      Map<String, BigDecimal> fines = new TreeMap<>();
      imposed.stream().filter(p -> p[1] != null && p[2] != null)
          .forEach(p -> fines.merge((String) p[2], (BigDecimal) p[1], BigDecimal::add));
      List<CaseSla> served = own.stream().map(c -> slas.get(c.caseId())).filter(Objects::nonNull).toList();
      SlaReport.Figures figures = SlaReport.figures(served);
      rows.add(new Seller(0, seller, own.size(), complained.size(), SlaReport.ratio(complained.size(), own.size()),
          SlaReport.ratio(records.stream().filter(ComplaintBook.Complaint::secondComplaint).count(), records.size()),
          (int) records.stream().filter(SellerQuality::upheld).count(), imposed.size(),
          imposed.stream().mapToInt(p -> (Integer) p[0]).sum(), fines,
          SlaReport.ratio(own.stream().filter(c -> c.refundedAmount() != null && c.refundedAmount().signum() > 0).count(),
              own.size()),
          SlaReport.ratio(others.stream().filter(c -> disputed.contains(c.caseId())).count(), others.size()),
          figures.firstResponseP50Minutes(), figures.firstResponseAttainment(), figures.resolutionP50Minutes(),
          figures.resolutionAttainment(), figures.averageResponseScore()));
    });
    rows.sort(Comparator.comparingInt(Seller::upheldComplaints).reversed()
        .thenComparing(Seller::complaintRate, Comparator.nullsLast(Comparator.reverseOrder()))
        .thenComparing(Seller::disputeRate, Comparator.nullsLast(Comparator.reverseOrder()))
        .thenComparing(Seller::firstResponseOnTime, Comparator.nullsLast(Comparator.naturalOrder()))
        .thenComparing(Seller::sellerId));
    List<Seller> ranked = new ArrayList<>();
    for (Seller s : rows) {
      ranked.add(new Seller(ranked.size() + 1, s.sellerId(), s.cases(), s.complaints(), s.complaintRate(),
          s.secondComplaintRate(), s.upheldComplaints(), s.penalties(), s.penaltyPoints(), s.fines(), s.refundRate(),
          s.disputeRate(), s.firstResponseP50Minutes(), s.firstResponseOnTime(), s.resolutionP50Minutes(),
          s.resolvedOnTime(), s.averageResponseScore()));
    }
    return ranked;
  }

  private static boolean upheld(ComplaintBook.Complaint c) {
    return ComplaintProcess.UPHELD.equals(c.appealDecision() != null ? c.appealDecision() : c.decision());
  }

  /** The cases among these that a complaint names as the case it is about. */
  private Set<String> complainedAbout(Collection<String> caseIds) {
    Set<String> found = new HashSet<>();
    inBatches(caseIds, batch -> found.addAll(jdbc.queryForList("SELECT linked_case_id FROM as_complaint WHERE "
        + "linked_case_id IN (" + marks(batch.size()) + ")", String.class, batch.toArray())));
    return found;
  }

  /** Penalties by complaint case: points, fine, currency. */
  private Map<String, List<Object[]>> penalties(Collection<String> complaintIds) {
    Map<String, List<Object[]>> found = new TreeMap<>();
    inBatches(complaintIds, batch -> jdbc.query("SELECT case_id, points, fine, currency FROM as_seller_penalty WHERE "
        + "case_id IN (" + marks(batch.size()) + ")", rs -> {
          found.computeIfAbsent(rs.getString("case_id"), k -> new ArrayList<>())
              .add(new Object[] {rs.getInt("points"), rs.getBigDecimal("fine"), rs.getString("currency")});
        }, batch.toArray()));
    return found;
  }

  private static void inBatches(Collection<String> ids, java.util.function.Consumer<List<String>> query) {
    List<String> all = List.copyOf(ids);
    for (int i = 0; i < all.size(); i += BATCH) {
      query.accept(all.subList(i, Math.min(all.size(), i + BATCH)));
    }
  }

  private static String marks(int n) {
    return String.join(",", java.util.Collections.nCopies(n, "?"));
  }

  static String csv(Seller s) {
    String fines = s.fines().entrySet().stream().map(e -> e.getValue().toPlainString() + " " + e.getKey())
        .collect(Collectors.joining("; "));
    return String.join(",", Integer.toString(s.rank()), CaseSla.quoted(s.sellerId()), Integer.toString(s.cases()),
        Integer.toString(s.complaints()), CaseSla.text(s.complaintRate()), CaseSla.text(s.secondComplaintRate()),
        Integer.toString(s.upheldComplaints()), Integer.toString(s.penalties()), Integer.toString(s.penaltyPoints()),
        CaseSla.quoted(fines), CaseSla.text(s.refundRate()), CaseSla.text(s.disputeRate()),
        CaseSla.text(s.firstResponseP50Minutes()), CaseSla.text(s.firstResponseOnTime()),
        CaseSla.text(s.resolutionP50Minutes()), CaseSla.text(s.resolvedOnTime()), CaseSla.text(s.averageResponseScore()));
  }
}
