package org.aftersales;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a task's variables as Tasklist's Camunda Forms do: {@code GET /engine-rest/task/{id}/form-variables} as the
 * user, with {@code deserializeValues=false}; the answer holds the engine's variables and the display values of the
 * task's case.
 */
public final class TaskFormReads {

  private static final ObjectMapper JSON = new ObjectMapper();

  private TaskFormReads() {}

  /** The answer as it comes. */
  public static TestHttp.Response formVariables(TestHttp http, String taskId, String user, String variableNames) {
    return http.get("/engine-rest/task/" + taskId + "/form-variables?deserializeValues=false"
        + (variableNames == null ? "" : "&variableNames=" + variableNames), user);
  }

  /** What the form shows, by name: texts, numbers (as Double) and booleans; the answer must be 200. */
  public static Map<String, Object> shown(TestHttp http, String taskId, String user) {
    return values(formVariables(http, taskId, user, null));
  }

  /** The values of a 200 answer, by name. */
  public static Map<String, Object> values(TestHttp.Response answer) {
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    Map<String, Object> values = new LinkedHashMap<>();
    try {
      JSON.readTree(answer.body()).fields().forEachRemaining(e -> values.put(e.getKey(), value(e.getValue())));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return values;
  }

  /** The typed entry of one variable ({@code type}, {@code value}, {@code valueInfo}). */
  public static JsonNode entry(TestHttp.Response answer, String name) {
    try {
      return JSON.readTree(answer.body()).get(name);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Object value(JsonNode typed) {
    JsonNode value = typed.get("value");
    if (value == null || value.isNull()) {
      return null;
    }
    if (value.isNumber()) {
      return "Double".equals(typed.path("type").asText()) ? (Object) value.doubleValue() : (Object) value.numberValue();
    }
    if (value.isBoolean()) {
      return value.booleanValue();
    }
    return value.isTextual() ? value.asText() : value.toString();
  }
}
