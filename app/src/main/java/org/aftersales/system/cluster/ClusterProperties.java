package org.aftersales.system.cluster;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * This application instance's place in a cluster ({@code aftersales.cluster.*}): its node id names it as the lock
 * owner of the jobs it runs (column {@code LOCK_OWNER_} of {@code ACT_RU_JOB}) and ends its webapp session ids
 * ({@code JSESSIONID=...<node-id>}), so that a load balancer can send a browser back to the node holding its
 * session. Empty: the host name, which in containers is the container's own.
 */
@ConfigurationProperties("aftersales.cluster")
public record ClusterProperties(@DefaultValue("") String nodeId) {}
