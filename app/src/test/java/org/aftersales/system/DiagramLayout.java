package org.aftersales.system;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Reads the diagram (the BPMN DI: shapes, edges, labels) of one model and finds what makes it hard to read:
 * shapes on top of each other, labels on shapes or on each other, sequence flows running through a shape, flow
 * nodes without a name a person can read, and the sequence flows that cross. Each problem names the element ids,
 * their bounds and what to do in Modeler. Plain DOM and the JDK only, so a designer can also run it by hand:
 * {@code java app/src/test/java/org/aftersales/system/DiagramLayout.java processes/*.bpmn}.
 *
 * <p>Where a label has no bounds in the diagram, its place is estimated as bpmn-js puts it: below an event or
 * gateway, at the middle of a sequence flow, 11 px Arial wrapped at 90 px.
 */
public final class DiagramLayout {

  static final String MODEL = "http://www.omg.org/spec/BPMN/20100524/MODEL";
  static final String DI = "http://www.omg.org/spec/BPMN/20100524/DI";
  static final String DC = "http://www.omg.org/spec/DD/20100524/DC";
  static final String DD_DI = "http://www.omg.org/spec/DD/20100524/DI";

  static final Set<String> FLOW_NODES = Set.of("startEvent", "endEvent", "intermediateCatchEvent",
      "intermediateThrowEvent", "boundaryEvent", "task", "userTask", "serviceTask", "sendTask", "receiveTask",
      "scriptTask", "businessRuleTask", "manualTask", "callActivity", "subProcess", "transaction",
      "exclusiveGateway", "parallelGateway", "inclusiveGateway", "eventBasedGateway", "complexGateway");
  /** Elements whose name bpmn-js writes beside them (an external label), not inside. */
  static final Set<String> EXTERNAL_LABELS = Set.of("startEvent", "endEvent", "intermediateCatchEvent",
      "intermediateThrowEvent", "boundaryEvent", "exclusiveGateway", "parallelGateway", "inclusiveGateway",
      "eventBasedGateway", "complexGateway", "sequenceFlow", "dataObjectReference", "dataStoreReference");
  /** Shapes that hold other shapes: a shape inside them is not an overlap. */
  static final Set<String> CONTAINERS = Set.of("subProcess", "transaction", "participant", "lane");
  /** A name that is an id: no space and an underscore or a capital inside a word (StartEvent_Request, ParcelOnItsWay). */
  static final Pattern ID_LIKE = Pattern.compile("^\\S*(_|[a-z][A-Z])\\S*$");
  static final double CHAR_WIDTH = 6;
  static final double LINE_HEIGHT = 14;
  static final double LABEL_WIDTH = 90;

  record Box(double x, double y, double w, double h) {
    boolean overlaps(Box o) {
      return x < o.x + o.w && o.x < x + w && y < o.y + o.h && o.y < y + h;
    }

    boolean contains(Box o) {
      return o.x >= x && o.y >= y && o.x + o.w <= x + w && o.y + o.h <= y + h;
    }

    /** Whether the segment runs through the inside of this box (touching its border is not). */
    boolean cutBy(double x1, double y1, double x2, double y2) {
      double left = x + 1, right = x + w - 1, top = y + 1, bottom = y + h - 1;
      double t0 = 0, t1 = 1, dx = x2 - x1, dy = y2 - y1;
      double[] p = {-dx, dx, -dy, dy};
      double[] q = {x1 - left, right - x1, y1 - top, bottom - y1};
      for (int i = 0; i < 4; i++) {
        if (p[i] == 0) {
          if (q[i] <= 0) {
            return false;
          }
        } else {
          double t = q[i] / p[i];
          if (p[i] < 0) {
            t0 = Math.max(t0, t);
          } else {
            t1 = Math.min(t1, t);
          }
        }
      }
      return t0 < t1;
    }

    @Override
    public String toString() {
      return String.format(Locale.ROOT, "x=%.0f y=%.0f w=%.0f h=%.0f", x, y, w, h);
    }
  }

  record Shape(String id, String type, String name, Box box, String parent, String host) {
    boolean container() {
      return CONTAINERS.contains(type);
    }
  }

  record Flow(String id, String name, String source, String target, List<double[]> points) {}

  record Label(String owner, Box box, boolean estimated) {}

  /** What the check found in one model: the problems, and the crossings with the pairs of flows that cross. */
  public record Result(String file, List<String> problems, List<String> crossings) {}

  private final String file;
  private final Map<String, Shape> shapes = new LinkedHashMap<>();
  private final Map<String, Flow> flows = new LinkedHashMap<>();
  private final List<Label> labels = new ArrayList<>();
  private final List<String> problems = new ArrayList<>();

  private DiagramLayout(String file) {
    this.file = file;
  }

  public static Result check(Path model) {
    DiagramLayout layout = new DiagramLayout(model.getFileName().toString());
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      layout.read(factory.newDocumentBuilder().parse(model.toFile()));
    } catch (Exception e) {
      throw new IllegalStateException(model + ": cannot read: " + e.getMessage(), e);
    }
    layout.checkNames();
    layout.checkShapes();
    layout.checkLabels();
    layout.checkFlows();
    return new Result(layout.file, layout.problems, layout.crossings());
  }

  private void read(Document document) {
    Map<String, Element> semantic = new HashMap<>();
    NodeList all = document.getElementsByTagNameNS(MODEL, "*");
    for (int i = 0; i < all.getLength(); i++) {
      Element element = (Element) all.item(i);
      if (!element.getAttribute("id").isEmpty()) {
        semantic.put(element.getAttribute("id"), element);
      }
    }
    Map<String, Element> diShapes = new HashMap<>();
    for (Element shape : children(document, DI, "BPMNShape")) {
      diShapes.put(shape.getAttribute("bpmnElement"), shape);
    }
    Map<String, Element> diEdges = new HashMap<>();
    for (Element edge : children(document, DI, "BPMNEdge")) {
      diEdges.put(edge.getAttribute("bpmnElement"), edge);
    }
    for (Element element : semantic.values()) {
      String type = element.getLocalName();
      String id = element.getAttribute("id");
      if (FLOW_NODES.contains(type) || CONTAINERS.contains(type)) {
        Element di = diShapes.get(id);
        if (di == null) {
          if (FLOW_NODES.contains(type)) {
            problems.add(file + ": " + id + " has no shape in the diagram: drag it onto the canvas in Modeler");
          }
          continue;
        }
        Box box = bounds(di);
        Node parent = element.getParentNode();
        String parentId = parent instanceof Element p && CONTAINERS.contains(p.getLocalName()) ? p.getAttribute("id") : null;
        String host = "boundaryEvent".equals(type) ? element.getAttribute("attachedToRef") : null;
        boolean collapsed = "subProcess".equals(type) && "false".equals(di.getAttribute("isExpanded"));
        shapes.put(id, new Shape(id, collapsed ? "callActivity" : type, element.getAttribute("name"), box, parentId, host));
        label(id, type, element.getAttribute("name"), di, box.x() + box.w() / 2, box.y() + box.h());
      } else if ("sequenceFlow".equals(type)) {
        Element di = diEdges.get(id);
        if (di == null) {
          problems.add(file + ": sequence flow " + id + " has no edge in the diagram: draw it again in Modeler");
          continue;
        }
        List<double[]> points = new ArrayList<>();
        for (Element point : children(di, DD_DI, "waypoint")) {
          points.add(new double[] {number(point, "x"), number(point, "y")});
        }
        Flow flow = new Flow(id, element.getAttribute("name"), element.getAttribute("sourceRef"),
            element.getAttribute("targetRef"), points);
        flows.put(id, flow);
        if (points.size() >= 2) {
          double mid = points.size() / 2.0 - 1;
          double[] a = points.get((int) Math.floor(mid));
          double[] b = points.get((int) Math.ceil(mid + 0.01));
          label(id, type, flow.name(), di, (a[0] + b[0]) / 2, (a[1] + b[1]) / 2 - 10);
        }
      }
    }
  }

  /** The label of an element with an external label: its bounds in the diagram, or where bpmn-js would put it. */
  private void label(String id, String type, String name, Element di, double midX, double top) {
    if (!EXTERNAL_LABELS.contains(type) || name == null || name.isBlank()) {
      return;
    }
    List<Element> diLabels = children(di, DI, "BPMNLabel");
    List<Element> bounds = diLabels.isEmpty() ? List.of() : children(diLabels.get(0), DC, "Bounds");
    if (!bounds.isEmpty()) {
      labels.add(new Label(id, bounds(diLabels.get(0)), false));
      return;
    }
    labels.add(new Label(id, estimatedLabel(name, midX, top), true));
  }

  /** Where bpmn-js draws a label without bounds: centred on midX from top, 11 px Arial wrapped at 90 px. */
  static Box estimatedLabel(String name, double midX, double top) {
    double width = 0;
    int lines = 1;
    double line = 0;
    for (String word : name.trim().split("\\s+")) {
      double w = word.length() * CHAR_WIDTH;
      if (line > 0 && line + CHAR_WIDTH + w > LABEL_WIDTH) {
        lines++;
        line = w;
      } else {
        line += (line > 0 ? CHAR_WIDTH : 0) + w;
      }
      width = Math.max(width, line);
    }
    return new Box(midX - width / 2, top, width, lines * LINE_HEIGHT);
  }

  private void checkNames() {
    for (Shape shape : shapes.values()) {
      if (!FLOW_NODES.contains(shape.type()) && !"callActivity".equals(shape.type())) {
        continue;
      }
      String name = shape.name() == null ? "" : shape.name().trim();
      if (name.isEmpty()) {
        problems.add(file + ": " + shape.id() + " has no name: give it a name a person reads in Modeler"
            + " (what happens, what is asked or where the flow ends)");
      } else if (name.equals(shape.id()) || ID_LIKE.matcher(name).matches()) {
        problems.add(file + ": " + shape.id() + " is named \"" + name + "\", which reads as an id:"
            + " name it in words a person reads (with spaces, no underscores)");
      }
    }
  }

  private void checkShapes() {
    List<Shape> list = new ArrayList<>(shapes.values());
    for (int i = 0; i < list.size(); i++) {
      Shape a = list.get(i);
      if (a.parent() != null && shapes.containsKey(a.parent()) && !shapes.get(a.parent()).box().contains(a.box())
          && a.host() == null) {
        problems.add(file + ": " + describe(a) + " lies partly outside " + describe(shapes.get(a.parent()))
            + ", which holds it: move it inside or make the container larger");
      }
      for (int j = i + 1; j < list.size(); j++) {
        Shape b = list.get(j);
        if (!a.box().overlaps(b.box()) || nested(a, b) || nested(b, a)
            || a.id().equals(b.host()) || b.id().equals(a.host())) {
          continue;
        }
        problems.add(file + ": " + describe(a) + " overlaps " + describe(b) + ": move one of them apart");
      }
    }
  }

  /** Whether inner is drawn inside outer: a subprocess holding it (at any depth), a lane, or a pool around it. */
  private boolean nested(Shape outer, Shape inner) {
    if (!outer.container()) {
      return false;
    }
    for (Shape s = inner; s != null && s.parent() != null; s = shapes.get(s.parent())) {
      if (outer.id().equals(s.parent())) {
        return true;
      }
    }
    return "lane".equals(outer.type()) || "participant".equals(outer.type()) && outer.box().contains(inner.box());
  }

  private void checkLabels() {
    for (int i = 0; i < labels.size(); i++) {
      Label label = labels.get(i);
      for (Shape shape : shapes.values()) {
        if (!shape.container() && label.box().overlaps(shape.box())) {
          problems.add(file + ": the label of " + label.owner() + " (" + where(label) + ") lies on "
              + describe(shape) + ": move the label beside its element, off every shape");
        }
      }
      for (int j = i + 1; j < labels.size(); j++) {
        Label other = labels.get(j);
        if (label.box().overlaps(other.box())) {
          problems.add(file + ": the label of " + label.owner() + " (" + where(label) + ") lies on the label of "
              + other.owner() + " (" + where(other) + "): move one of the labels apart");
        }
      }
    }
  }

  private static String where(Label label) {
    return label.box() + (label.estimated() ? ", where bpmn-js puts it" : "");
  }

  private void checkFlows() {
    for (Flow flow : flows.values()) {
      if (flow.points().size() < 2) {
        problems.add(file + ": sequence flow " + flow.id() + " has fewer than two waypoints: draw it again");
        continue;
      }
      Shape source = shapes.get(flow.source());
      String sourceHost = source == null ? null : source.host();
      for (Shape shape : shapes.values()) {
        if (shape.container() || shape.id().equals(flow.source()) || shape.id().equals(flow.target())
            || shape.id().equals(sourceHost)) {
          continue;
        }
        for (int k = 0; k + 1 < flow.points().size(); k++) {
          double[] a = flow.points().get(k);
          double[] b = flow.points().get(k + 1);
          if (shape.box().cutBy(a[0], a[1], b[0], b[1])) {
            problems.add(String.format(Locale.ROOT,
                "%s: sequence flow %s (%s -> %s) runs through %s between (%.0f,%.0f) and (%.0f,%.0f):"
                    + " route it around the shape (add bend points) or move the shape",
                file, flow.id(), flow.source(), flow.target(), describe(shape), a[0], a[1], b[0], b[1]));
            break;
          }
        }
      }
    }
  }

  /** Each pair of segments of two sequence flows that cross (meet at a point inside both). */
  private List<String> crossings() {
    List<String> found = new ArrayList<>();
    List<Flow> list = new ArrayList<>(flows.values());
    for (int i = 0; i < list.size(); i++) {
      for (int j = i + 1; j < list.size(); j++) {
        Flow f = list.get(i);
        Flow g = list.get(j);
        for (int a = 0; a + 1 < f.points().size(); a++) {
          for (int b = 0; b + 1 < g.points().size(); b++) {
            double[] p1 = f.points().get(a);
            double[] p2 = f.points().get(a + 1);
            double[] q1 = g.points().get(b);
            double[] q2 = g.points().get(b + 1);
            if (cross(p1, p2, q1, q2)) {
              found.add(String.format(Locale.ROOT, "%s crosses %s at about (%.0f,%.0f)", f.id(), g.id(),
                  at(p1, p2, q1, q2)[0], at(p1, p2, q1, q2)[1]));
            }
          }
        }
      }
    }
    return found;
  }

  private static boolean cross(double[] p1, double[] p2, double[] q1, double[] q2) {
    double d1 = side(q1, q2, p1);
    double d2 = side(q1, q2, p2);
    double d3 = side(p1, p2, q1);
    double d4 = side(p1, p2, q2);
    return d1 * d2 < 0 && d3 * d4 < 0;
  }

  private static double side(double[] a, double[] b, double[] c) {
    double v = (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);
    return Math.abs(v) < 1e-6 ? 0 : Math.signum(v);
  }

  private static double[] at(double[] p1, double[] p2, double[] q1, double[] q2) {
    double d = (p1[0] - p2[0]) * (q1[1] - q2[1]) - (p1[1] - p2[1]) * (q1[0] - q2[0]);
    double t = ((p1[0] - q1[0]) * (q1[1] - q2[1]) - (p1[1] - q1[1]) * (q1[0] - q2[0])) / d;
    return new double[] {p1[0] + t * (p2[0] - p1[0]), p1[1] + t * (p2[1] - p1[1])};
  }

  private static String describe(Shape shape) {
    String name = shape.name() == null || shape.name().isBlank() ? "" : " \"" + shape.name().replace('\n', ' ') + "\"";
    return shape.id() + name + " (" + shape.box() + ")";
  }

  private static Box bounds(Element parent) {
    Element b = children(parent, DC, "Bounds").get(0);
    return new Box(number(b, "x"), number(b, "y"), number(b, "width"), number(b, "height"));
  }

  private static double number(Element element, String attribute) {
    return Double.parseDouble(element.getAttribute(attribute));
  }

  private static List<Element> children(Node parent, String ns, String name) {
    NodeList nodes = parent instanceof Document d ? d.getElementsByTagNameNS(ns, name)
        : ((Element) parent).getElementsByTagNameNS(ns, name);
    List<Element> list = new ArrayList<>();
    for (int i = 0; i < nodes.getLength(); i++) {
      list.add((Element) nodes.item(i));
    }
    return list;
  }

  /** Prints the problems and crossings of the models given: {@code java DiagramLayout.java processes/*.bpmn}. */
  public static void main(String[] args) {
    for (String arg : args) {
      Result result = check(Path.of(arg));
      result.problems().forEach(System.out::println);
      if (args.length == 1 || System.getProperty("crossings") != null) {
        result.crossings().forEach(c -> System.out.println(result.file() + ": " + c));
      }
      System.out.println(result.file() + ": " + result.problems().size() + " problems, "
          + result.crossings().size() + " crossings");
    }
  }
}
