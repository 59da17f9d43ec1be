package org.aftersales;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.aftersales.cases.WrongArrow;
import org.aftersales.returns.RequestRefundDelegate;
import org.aftersales.returns.WrongArrowBack;
import org.junit.jupiter.api.Test;

/**
 * The one direction between the packages (README, "Where things live"): {@code system} (security, deployment, web,
 * HTTP, cluster, Tasklist queues) under everything; the core {@code cases} (records, timeline, documents, the case
 * API) on it; the ports to outside systems and parties on the core; the flows on the core and the ports; the
 * reports on top, read by nobody. Where the core needs a flow or a port it declares an interface or a constant
 * ({@code cases.CaseFlow}, {@code ComplaintRecords}, {@code PayoutLimits}, {@code SellerOfLogin}) that the other
 * side implements or names. Ports know no other port, flows no other flow; the simulators stand in for outside
 * systems and use only their own port's vocabulary and {@code system}. No cycles between the packages.
 *
 * <p>The bytecode rules miss a dependency that is only a compile-time constant (javac copies the string), so the
 * imports of the sources are held to the same direction too.
 */
class ArchitectureTest {

  private static final List<String> PORTS = List.of("payment", "logistics", "notification", "parties");
  private static final List<String> FLOWS = List.of("returns", "repair", "complaint", "followup");
  private static final List<String> REPORTS = List.of("sla", "metrics");

  private static final JavaClasses MAIN = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("org.aftersales");

  private static final ArchRule LAYERS = layeredArchitecture().consideringOnlyDependenciesInLayers()
      .layer("System").definedBy("org.aftersales.system..")
      .layer("Core").definedBy("org.aftersales.cases..")
      .layer("Ports").definedBy(resideInAnyPackage(packages(PORTS)).and(not(resideInAPackage("..simulator.."))))
      .layer("Flows").definedBy(packages(FLOWS))
      .layer("Reports").definedBy(packages(REPORTS))
      .layer("Simulators").definedBy("org.aftersales..simulator..")
      .whereLayer("Reports").mayNotBeAccessedByAnyLayer()
      .whereLayer("Flows").mayOnlyBeAccessedByLayers("Reports")
      .whereLayer("Ports").mayOnlyBeAccessedByLayers("Flows", "Reports", "Simulators")
      .whereLayer("Core").mayOnlyBeAccessedByLayers("Ports", "Flows", "Reports")
      .whereLayer("Simulators").mayNotBeAccessedByAnyLayer();

  private static final ArchRule NO_CYCLES = slices().matching("org.aftersales.(*)..").should().beFreeOfCycles();

  @Test
  void layersPointOneWay() {
    LAYERS.check(MAIN);
  }

  @Test
  void portsKnowNoOtherPortAndFlowsNoOtherFlow() {
    List<ArchRule> rules = new ArrayList<>();
    for (List<String> layer : List.of(PORTS, FLOWS)) {
      for (String own : layer) {
        String[] others = packages(layer.stream().filter(p -> !p.equals(own)).toList());
        rules.add(noClasses().that().resideInAPackage("org.aftersales." + own + "..")
            .should().dependOnClassesThat().resideInAnyPackage(others));
      }
    }
    CompositeArchRule.of(rules).check(MAIN);
  }

  @Test
  void simulatorsUseOnlyTheirOwnPortAndSystem() {
    classes().that().resideInAPackage("org.aftersales..simulator..").should(useOnlyTheirPortAndSystem()).check(MAIN);
  }

  @Test
  void noCyclesBetweenPackages() {
    NO_CYCLES.check(MAIN);
    slices().matching("org.aftersales.system.(*)..").should().beFreeOfCycles().check(MAIN);
  }

  @Test
  void sourcesImportAlongTheSameDirection() throws IOException {
    assertThat(wrongImports(Path.of("src/main/java/org/aftersales"))).isEmpty();
  }

  /** The rules do catch what they are for: a core class that knows a flow, and a cycle between two packages. */
  @Test
  void aWrongArrowOrACycleFails() {
    JavaClasses wrong = new ClassFileImporter().importClasses(WrongArrow.class, WrongArrowBack.class,
        RequestRefundDelegate.class);
    assertThatThrownBy(() -> LAYERS.check(wrong)).isInstanceOf(AssertionError.class)
        .hasMessageContaining(WrongArrow.class.getName() + ".flow");
    assertThatThrownBy(() -> NO_CYCLES.check(wrong)).isInstanceOf(AssertionError.class)
        .hasMessageContaining("Cycle detected");
    assertThat(wrongImports("org.aftersales.cases", "import org.aftersales.returns.ReturnProcess;\n"
        + "class X { String m = ReturnProcess.Message.CASE_WITHDRAWN; }"))
        .containsExactly("cases -> returns (ReturnProcess)");
    assertThat(wrongImports("org.aftersales.payment", "class X { String m = org.aftersales.logistics.Parcels.X; }"))
        .containsExactly("payment -> logistics (Parcels)");
    assertThat(wrongImports("org.aftersales.returns", "import org.aftersales.cases.CaseFlow;\n"
        + "import org.aftersales.payment.RefundLedger;\n// org.aftersales.complaint.ComplaintBook in a comment")).isEmpty();
  }

  private static ArchCondition<JavaClass> useOnlyTheirPortAndSystem() {
    return new ArchCondition<>("depend only on their own port and on system") {
      @Override
      public void check(JavaClass simulator, ConditionEvents events) {
        String port = simulator.getPackageName().substring(0, simulator.getPackageName().indexOf(".simulator"));
        for (Dependency d : simulator.getDirectDependenciesFromSelf()) {
          String target = d.getTargetClass().getBaseComponentType().getPackageName();
          if (target.startsWith("org.aftersales") && !inside(target, port) && !inside(target, "org.aftersales.system")) {
            events.add(SimpleConditionEvent.violated(d, d.getDescription()));
          }
        }
      }
    };
  }

  private static List<String> wrongImports(Path root) throws IOException {
    List<String> wrong = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        String source = Files.readString(file);
        Matcher pkg = Pattern.compile("(?m)^package ([\\w.]+);").matcher(source);
        if (pkg.find()) {
          wrong.addAll(wrongImports(pkg.group(1), source));
        }
      }
    }
    return wrong;
  }

  private static final Pattern REFERENCE = Pattern.compile("org\\.aftersales\\.([a-z0-9.]+)\\.([A-Z]\\w*)");

  /** The references (imports and qualified names, comments left out) against the direction, as "from -> to (Class)". */
  private static List<String> wrongImports(String packageName, String source) {
    String code = source.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("//[^\\n]*", " ");
    TreeSet<String> wrong = new TreeSet<>();
    Matcher m = REFERENCE.matcher(code);
    while (m.find()) {
      if (!allowed(packageName, "org.aftersales." + m.group(1))) {
        wrong.add(top(packageName) + " -> " + top("org.aftersales." + m.group(1)) + " (" + m.group(2) + ")");
      }
    }
    return List.copyOf(wrong);
  }

  /** Whether a class of package {@code from} may use one of package {@code to}, by the layers above. */
  static boolean allowed(String from, String to) {
    String source = top(from);
    String target = top(to);
    if (source.isEmpty() || source.equals(target) && from.contains(".simulator") == to.contains(".simulator")) {
      return true;
    }
    if (from.contains(".simulator")) {
      return target.equals("system") || target.equals(source) && !to.contains(".simulator");
    }
    if (to.contains(".simulator")) {
      return false;
    }
    int rank = rank(source);
    int targetRank = rank(target);
    // among the reports, metrics read the service figures of sla; not the other way round
    return targetRank < rank || rank == 4 && targetRank == 4 && REPORTS.indexOf(target) < REPORTS.indexOf(source);
  }

  /** 0 system, 1 core, 2 ports, 3 flows, 4 reports. */
  private static int rank(String top) {
    if (top.equals("system")) {
      return 0;
    }
    if (top.equals("cases")) {
      return 1;
    }
    if (PORTS.contains(top)) {
      return 2;
    }
    if (FLOWS.contains(top)) {
      return 3;
    }
    if (REPORTS.contains(top)) {
      return 4;
    }
    throw new AssertionError("Package org.aftersales." + top + " has no place among the layers of ArchitectureTest: "
        + "name it there (system, core, port, flow or report).");
  }

  private static String top(String packageName) {
    String rest = packageName.equals("org.aftersales") ? "" : packageName.substring("org.aftersales.".length());
    return rest.contains(".") ? rest.substring(0, rest.indexOf('.')) : rest;
  }

  private static boolean inside(String packageName, String parent) {
    return packageName.equals(parent) || packageName.startsWith(parent + ".");
  }

  private static String[] packages(List<String> names) {
    return names.stream().map(n -> "org.aftersales." + n + "..").toArray(String[]::new);
  }
}
