package org.aftersales.system.security;

import java.util.Arrays;
import java.util.List;

/**
 * The roles of the after-sales domain, each a Camunda group. The group id is what candidate groups in
 * the models, authorizations and API access rules refer to; the demo user exists on the embedded
 * default only.
 */
public enum Role {
  AGENTS("agents", "After-sales agents", "agent", "Alice", "Agent"),
  INSPECTORS("inspectors", "Warehouse inspectors", "inspector", "Ivan", "Inspector"),
  TECHNICIANS("technicians", "Repair technicians", "technician", "Tina", "Technician"),
  COMPLAINT_HANDLERS("complaint-handlers", "Complaint handlers", "complaints", "Chen", "Complaints"),
  SUPERVISORS("supervisors", "Supervisors", "supervisor", "Sun", "Supervisor"),
  FINANCE("finance", "Finance", "finance", "Fang", "Finance"),
  MANAGERS("managers", "After-sales managers", "manager", "Ming", "Manager"),
  DESIGNERS("designers", "Process designers", "designer", "Dana", "Designer"),
  /** Camunda's own administrator group: members pass every authorization check. */
  ADMINISTRATORS("camunda-admin", "Administrators", "admin", "Ada", "Admin"),
  /** Shops calling the REST API for their customers. */
  SHOP_INTEGRATION("shop-integration", "Shop, carrier and payment integrations", "shop", "Shop", "Integration"),
  /** Carriers: post the status of their parcels (signed callbacks). */
  CARRIERS("carriers", "Carriers", "carrier", "Carrier", "Demo"),
  /** Payment providers: post the results of their refunds and charges (signed callbacks). */
  PAYMENT_PROVIDERS("payment-providers", "Payment providers", "payment", "Payment", "Demo"),
  /** Sellers: answer the complaints about them. */
  SELLERS("sellers", "Sellers", "seller", "Seller", "Demo");

  public static final String GROUP_TYPE_WORKFLOW = "WORKFLOW";
  public static final String GROUP_TYPE_SYSTEM = "SYSTEM";

  private final String groupId;
  private final String groupName;
  private final String demoUserId;
  private final String demoFirstName;
  private final String demoLastName;

  Role(String groupId, String groupName, String demoUserId, String demoFirstName, String demoLastName) {
    this.groupId = groupId;
    this.groupName = groupName;
    this.demoUserId = demoUserId;
    this.demoFirstName = demoFirstName;
    this.demoLastName = demoLastName;
  }

  public String groupId() {
    return groupId;
  }

  public String groupName() {
    return groupName;
  }

  public String groupType() {
    return this == ADMINISTRATORS || outsideParties().contains(this) ? GROUP_TYPE_SYSTEM : GROUP_TYPE_WORKFLOW;
  }

  public String demoUserId() {
    return demoUserId;
  }

  public String demoFirstName() {
    return demoFirstName;
  }

  public String demoLastName() {
    return demoLastName;
  }

  /** Every role that works inside the company, as opposed to API clients. */
  public static List<Role> staff() {
    return Arrays.stream(values()).filter(r -> !outsideParties().contains(r)).toList();
  }

  /** The groups of outside parties (docs/security.md, "Outside parties"): shops, carriers, payment providers, sellers. */
  public static List<Role> outsideParties() {
    return List.of(SHOP_INTEGRATION, CARRIERS, PAYMENT_PROVIDERS, SELLERS);
  }

  /** Group ids of the given roles, for access rules. */
  public static String[] groupIds(Role... roles) {
    return Arrays.stream(roles).map(Role::groupId).toArray(String[]::new);
  }

  public static String[] groupIds(List<Role> roles) {
    return roles.stream().map(Role::groupId).toArray(String[]::new);
  }
}
