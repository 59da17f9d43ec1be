package org.aftersales.cases;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.exception.NotValidException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * A business rule a task form breaks (a task listener throws {@link NotValidException}: an amount above what may
 * be refunded, a missing reason) is the person's mistake, not a server fault. Completing the task through
 * Tasklist ({@code /camunda/api/engine/.../task/{id}/submit-form}) or the engine REST API ({@code /engine-rest})
 * answers 400 {@code application/problem+json} whose {@code detail} and {@code message} (which Tasklist shows next
 * to the form) are the one sentence of the rule, without the engine's codes and wrapping ("ENGINE-03051",
 * "Cannot submit task form"); nothing of the completion is kept.
 *
 * <p>The sentence is in the language the request prefers ({@code Accept-Language}): English when it asks for
 * {@code en} first, Simplified Chinese otherwise (also without the header), from {@code texts/refusals_zh.txt}
 * with the figures of the English sentence carried over.
 *
 * <p>The log: the engine wraps the listener's exception in its own, which its command context logs at ERROR with
 * the stack trace (logger {@code org.camunda.bpm.engine.context}, ENGINE-16004). Inside that context the wrapper
 * is taken off again, so the engine sees the {@link NotValidException}, a bad user request it logs at DEBUG; the
 * webapp's REST layer, which answers 500 and logs it at WARNING ({@code org.camunda.bpm.engine.rest.exception}),
 * is kept quiet for the request, and one INFO line names the refused task and the sentence instead.
 */
@Component
public class TaskRefusals extends OncePerRequestFilter {

  private static final Pattern TASK_ACTION = Pattern.compile(".*/task/([^/]+)/(complete|submit-form|resolve)/?");
  private static final org.slf4j.Logger LOG = LoggerFactory.getLogger(TaskRefusals.class);
  /** The refusals noted during the task completion this thread is answering; null outside one. */
  private static final ThreadLocal<List<NotValidException>> NOTED = new ThreadLocal<>();
  private static final CaseTexts CHINESE = CaseTexts.catalogue("zh", "texts/refusals_zh.txt");

  private final ObjectMapper json;

  public TaskRefusals(ObjectMapper json) {
    this.json = json;
    LoggerContext logging = (LoggerContext) LoggerFactory.getILoggerFactory();
    if (logging.getTurboFilterList().stream().noneMatch(f -> f instanceof QuietRestLog)) {
      QuietRestLog quiet = new QuietRestLog();
      quiet.setName("task-refusals");
      quiet.start();
      logging.addTurboFilter(quiet);
    }
  }

  /** The refusal as one sentence for staff: English for {@code en}, Simplified Chinese otherwise. */
  public static String sentence(String message, String language) {
    boolean english = language != null && language.toLowerCase(Locale.ROOT).startsWith("en");
    String text = english ? message.strip() : CHINESE.in("zh", message.strip());
    if (text.endsWith(".") || text.endsWith("。") || text.endsWith("?") || text.endsWith("？")) {
      return text;
    }
    return text + (english || !CHINESE.knows("zh", message.strip()) ? "." : "。");
  }

  /** The language the request prefers first: the first range of {@code Accept-Language}, or null. */
  static String preferredLanguage(HttpServletRequest request) {
    String header = request.getHeader("Accept-Language");
    if (header == null || header.isBlank()) {
      return null;
    }
    try {
      List<Locale.LanguageRange> ranges = Locale.LanguageRange.parse(header);
      return ranges.isEmpty() ? null : ranges.get(0).getRange();
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !"POST".equals(request.getMethod()) || !TASK_ACTION.matcher(request.getRequestURI()).matches();
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    List<NotValidException> noted = new ArrayList<>();
    ContentCachingResponseWrapper answer = new ContentCachingResponseWrapper(response);
    NOTED.set(noted);
    try {
      chain.doFilter(request, answer);
    } finally {
      NOTED.remove();
    }
    if (noted.isEmpty() || answer.getStatus() < 400) {
      answer.copyBodyToResponse();
      return;
    }
    Matcher action = TASK_ACTION.matcher(request.getRequestURI());
    String sentence = sentence(noted.get(0).getMessage(), preferredLanguage(request));
    LOG.info("Task {}: the form was refused: {}", action.matches() ? action.group(1) : "?", noted.get(0).getMessage());
    answer.resetBuffer();
    Map<String, Object> problem = new LinkedHashMap<>();
    problem.put("type", "about:blank");
    problem.put("title", "Bad Request");
    problem.put("status", 400);
    problem.put("detail", sentence);
    problem.put("message", sentence);
    problem.put("instance", request.getRequestURI());
    answer.setStatus(400);
    answer.setContentType("application/problem+json");
    answer.setCharacterEncoding(StandardCharsets.UTF_8.name());
    answer.getOutputStream().write(json.writeValueAsBytes(problem));
    answer.copyBodyToResponse();
  }

  /** The refusal behind an engine exception: the {@link NotValidException} it wraps, or null. */
  static NotValidException refusalIn(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof NotValidException refusal) {
        return refusal;
      }
    }
    return null;
  }

  /** Installs {@link Unwrap} inside the engine's command context. */
  @Component
  public static class EnginePlugin extends AbstractProcessEnginePlugin {
    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
      if (configuration.getCustomPostCommandInterceptorsTxRequired() == null) {
        configuration.setCustomPostCommandInterceptorsTxRequired(new ArrayList<>());
      }
      configuration.getCustomPostCommandInterceptorsTxRequired().add(new Unwrap());
    }
  }

  /**
   * Runs inside the command context: a listener's refusal the engine wrapped in its own exception leaves the
   * command as the refusal itself (which the command context logs at DEBUG, not ERROR with its stack trace), and
   * is noted for the answer to the request that completes the task.
   */
  static class Unwrap extends CommandInterceptor {
    @Override
    public <T> T execute(Command<T> command) {
      try {
        return next.execute(command);
      } catch (ProcessEngineException failure) {
        NotValidException refusal = refusalIn(failure);
        if (refusal == null) {
          throw failure;
        }
        List<NotValidException> noted = NOTED.get();
        if (noted != null) {
          noted.add(refusal);
        }
        throw refusal;
      }
    }
  }

  /** While a task completion is refused, the webapp's REST layer does not log it as a server fault. */
  static class QuietRestLog extends TurboFilter {
    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
      // asked for every logging call and every isDebugEnabled() of every logger: what the logger would drop anyway
      // needs no look at this thread's refusals (issue 21: that look was half a per cent of the application's CPU)
      if (level != null && level.levelInt < logger.getEffectiveLevel().levelInt) {
        return FilterReply.NEUTRAL;
      }
      List<NotValidException> noted = NOTED.get();
      return noted != null && !noted.isEmpty() && logger.getName().startsWith("org.camunda.bpm.engine.rest.exception")
          ? FilterReply.DENY : FilterReply.NEUTRAL;
    }
  }
}
