package org.aftersales.system.cluster;

import org.apache.catalina.Context;
import org.apache.catalina.Engine;
import org.apache.catalina.Lifecycle;
import org.apache.catalina.Container;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * The webapps (Tasklist, Cockpit, Admin) keep Camunda's login in the HTTP session of the node that logged the user
 * in. Behind a load balancer the browser must come back to that node: Tomcat's jvmRoute appends the node id to
 * every session id ({@code JSESSIONID=<id>.<node-id>}), and the load balancer routes on that suffix (the nginx
 * configuration in {@code deploy/nginx/aftersales.conf}). The APIs are stateless (HTTP Basic) and go anywhere.
 */
@Component
public class SessionRoute implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

  private final String nodeId;

  public SessionRoute(ClusterNode node) {
    this.nodeId = node.nodeId();
  }

  @Override
  public void customize(TomcatServletWebServerFactory factory) {
    factory.addContextCustomizers(context -> context.addLifecycleListener(event -> {
      if (Lifecycle.BEFORE_START_EVENT.equals(event.getType())) {
        Engine engine = engineOf((Context) event.getLifecycle());
        if (engine != null) {
          engine.setJvmRoute(nodeId);
        }
      }
    }));
  }

  private static Engine engineOf(Container container) {
    for (Container c = container; c != null; c = c.getParent()) {
      if (c instanceof Engine engine) {
        return engine;
      }
    }
    return null;
  }
}
