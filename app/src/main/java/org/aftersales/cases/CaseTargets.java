package org.aftersales.cases;

import java.util.Date;

/**
 * What the service targets say of a case, for the people who work it: the first-response and resolution targets,
 * each with its deadline and the time left, and when the task at hand is due (Markdown, Chinese with English).
 * Declared by the core, which shows it on every task form ({@link CaseSummary}); the service figures
 * ({@code org.aftersales.sla}) implement it, as they alone know how the targets are counted.
 */
public interface CaseTargets {

  String describe(CaseRecord c, Date taskDue);
}
