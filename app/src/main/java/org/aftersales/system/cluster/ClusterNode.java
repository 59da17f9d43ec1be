package org.aftersales.system.cluster;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Several instances on one database compete for the same jobs; Camunda lets each lock what it takes for the lock
 * time and skips what another holds. By default a job executor's lock owner is a random UUID, which says nothing to
 * an operator looking at a stuck job: here it is the node id (and the engine's host name too, which Camunda writes
 * into its metrics), so {@code ACT_RU_JOB.LOCK_OWNER_} names the node that holds a job. See docs/production.md, "Running as a
 * cluster".
 */
@Component
public class ClusterNode extends AbstractProcessEnginePlugin {

  private static final Logger LOG = LoggerFactory.getLogger(ClusterNode.class);
  /** What a Tomcat jvmRoute and a lock owner may hold (a session id suffix must be cookie-safe). */
  private static final String ALLOWED = "[A-Za-z0-9_-]{1,64}";

  private final String nodeId;

  public ClusterNode(ClusterProperties properties) {
    this.nodeId = resolve(properties.nodeId());
  }

  /** The id of this node: the configured one, else the host name; letters, digits, '-' and '_' only. */
  public String nodeId() {
    return nodeId;
  }

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setHostname(nodeId);
    JobExecutor jobExecutor = configuration.getJobExecutor();
    if (jobExecutor != null) {
      jobExecutor.setLockOwner(nodeId);
      LOG.info("Cluster node '{}': job executor lock owner, lock time {} ms, {} jobs per acquisition, deployment-aware {}",
          nodeId, jobExecutor.getLockTimeInMillis(), jobExecutor.getMaxJobsPerAcquisition(),
          configuration.isJobExecutorDeploymentAware());
    }
  }

  static String resolve(String configured) {
    if (configured == null || configured.isBlank()) {
      // a host name is taken as it is where it can be, else made fit: it must never stop the start
      String host = hostName().replaceAll("[^A-Za-z0-9_-]", "-");
      return host.isEmpty() ? "node" : host.substring(0, Math.min(64, host.length()));
    }
    String id = configured.trim();
    if (!id.matches(ALLOWED)) {
      throw new IllegalStateException("aftersales.cluster.node-id (AFTERSALES_NODE_ID) '" + id
          + "' must be 1 to 64 letters, digits, '-' or '_'; set it explicitly");
    }
    return id;
  }

  private static String hostName() {
    String fromEnvironment = System.getenv("HOSTNAME");
    if (fromEnvironment != null && !fromEnvironment.isBlank()) {
      return fromEnvironment.split("\\.")[0];
    }
    try {
      return InetAddress.getLocalHost().getHostName().split("\\.")[0];
    } catch (UnknownHostException e) {
      return "node";
    }
  }
}
