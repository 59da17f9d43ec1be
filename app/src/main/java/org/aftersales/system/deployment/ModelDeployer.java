package org.aftersales.system.deployment;

import java.io.ByteArrayInputStream;
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
import org.springframework.util.AntPathMatcher;

/**
 * Deploys every model and form of {@code processes/} and {@code forms/} as one deployment, so that
 * {@code formRefBinding="deployment"} finds the forms. Resources are named by their path inside those
 * folders ({@code processes/return-request.bpmn}), the same in a jar, in the IDE and in tests. If nothing
 * changed since the last deployment, nothing is deployed; if anything changed, all resources go out together.
 * At start-up the packaged copies are deployed; {@link ModelLiveReload} deploys the designers' folders
 * themselves through {@link #deploy(ProcessEngine, Map)}.
 */
@Component
public class ModelDeployer extends AbstractCamundaConfiguration {

  public static final String DEPLOYMENT_NAME = "aftersales";
  public static final String DEPLOYMENT_SOURCE = "aftersales-app";
  static final String[] FOLDERS = {"processes/", "forms/"};

  private static final Logger LOG = LoggerFactory.getLogger(ModelDeployer.class);

  private final String[] patterns;
  private final PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
  private final AntPathMatcher matcher = new AntPathMatcher();

  public ModelDeployer(@Value("${aftersales.deployment.patterns}") String[] patterns) {
    this.patterns = patterns;
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    deploy(engine);
  }

  /** Deploys the packaged models and forms; returns the deployment (the previous one if nothing changed), or null if there is nothing to deploy. */
  public Deployment deploy(ProcessEngine engine) {
    Map<String, Resource> resources = findResources();
    if (resources.isEmpty()) {
      LOG.warn("No models or forms found for {}: nothing deployed", String.join(", ", patterns));
      return null;
    }
    return deploy(engine, read(resources));
  }

  /**
   * Deploys these models and forms (content by resource name) as deployment {@value #DEPLOYMENT_NAME}, all
   * together, unless every one of them is the same as in the latest such deployment: then that one is returned.
   * A model the engine cannot parse fails the whole deployment ({@link org.camunda.bpm.engine.ParseException})
   * and nothing is deployed.
   */
  public Deployment deploy(ProcessEngine engine, Map<String, byte[]> resources) {
    DeploymentBuilder builder = engine.getRepositoryService().createDeployment()
        .name(DEPLOYMENT_NAME)
        .source(DEPLOYMENT_SOURCE)
        .enableDuplicateFiltering(false);
    resources.forEach((name, content) -> builder.addInputStream(name, new ByteArrayInputStream(content)));
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

  /** The contents of these resources, by the same names. */
  public static Map<String, byte[]> read(Map<String, Resource> resources) {
    Map<String, byte[]> contents = new TreeMap<>();
    resources.forEach((name, resource) -> {
      try (InputStream in = resource.getInputStream()) {
        contents.put(name, in.readAllBytes());
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read " + name, e);
      }
    });
    return contents;
  }

  /**
   * Whether a file of that resource name ({@code processes/return-request.bpmn}) is one to deploy: whether
   * it matches one of the patterns, read without their {@code classpath*:} prefix.
   */
  public boolean isDeployable(String name) {
    for (String pattern : patterns) {
      String path = pattern.trim().replaceFirst("^[a-zA-Z*]+:", "").replaceFirst("^/+", "");
      if (matcher.match(path, name)) {
        return true;
      }
    }
    return false;
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
