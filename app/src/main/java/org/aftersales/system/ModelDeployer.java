package org.aftersales.system;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.spring.boot.starter.configuration.impl.AbstractCamundaConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * Deploys every model and form of {@code processes/} and {@code forms/} as one deployment, so that
 * {@code formRefBinding="deployment"} finds the forms. Resources are named by their path inside those
 * folders ({@code processes/return-request.bpmn}), the same in a jar, in the IDE and in tests. If nothing
 * changed since the last deployment, nothing is deployed; if anything changed, all resources go out together.
 */
@Component
public class ModelDeployer extends AbstractCamundaConfiguration {

  public static final String DEPLOYMENT_NAME = "aftersales";
  public static final String DEPLOYMENT_SOURCE = "aftersales-app";
  static final String[] FOLDERS = {"processes/", "forms/"};

  private static final Logger LOG = LoggerFactory.getLogger(ModelDeployer.class);

  private final String[] patterns;
  private final PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();

  public ModelDeployer(@Value("${aftersales.deployment.patterns}") String[] patterns) {
    this.patterns = patterns;
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    deploy(engine);
  }

  /** Deploys the current models and forms; returns the deployment (the previous one if nothing changed), or null if there is nothing to deploy. */
  public Deployment deploy(ProcessEngine engine) {
    Map<String, Resource> resources = findResources();
    if (resources.isEmpty()) {
      LOG.warn("No models or forms found for {}: nothing deployed", String.join(", ", patterns));
      return null;
    }
    DeploymentBuilder builder = engine.getRepositoryService().createDeployment()
        .name(DEPLOYMENT_NAME)
        .source(DEPLOYMENT_SOURCE)
        .enableDuplicateFiltering(false);
    resources.forEach((name, resource) -> {
      try (InputStream in = resource.getInputStream()) {
        builder.addInputStream(name, in);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read " + name, e);
      }
    });
    Deployment deployment = builder.deployWithResult();
    LOG.info("Models and forms {} are in deployment {} (deployed {})", resources.keySet(), deployment.getId(),
        deployment.getDeploymentTime());
    return deployment;
  }

  /** The resources to deploy, by deployment name, sorted. */
  public Map<String, Resource> findResources() {
    Map<String, Resource> byName = new TreeMap<>();
    for (String pattern : patterns) {
      try {
        for (Resource resource : resolver.getResources(pattern.trim())) {
          if (resource.isReadable()) {
            byName.putIfAbsent(nameOf(resource), resource);
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot resolve " + pattern, e);
      }
    }
    return byName;
  }

  static String nameOf(Resource resource) {
    String url;
    try {
      url = resource.getURL().toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    int at = -1;
    for (String folder : FOLDERS) {
      at = Math.max(at, url.lastIndexOf("/" + folder));
    }
    return at < 0 ? resource.getFilename() : url.substring(at + 1);
  }
}
