package org.aftersales.system.web;

import java.io.IOException;
import java.io.Writer;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.HttpStatus;

/**
 * Tomcat's own error answer, for requests refused before they reach the application (a path with an encoded
 * slash, an invalid URI): {@code application/problem+json} like every other error of the API, instead of
 * Tomcat's HTML page (which also names the server). Installed on the host by {@link ProblemErrorPages}.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

  @Override
  protected void report(Request request, Response response, Throwable throwable) {
    int code = response.getStatus();
    if (code < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
      return;
    }
    HttpStatus status = HttpStatus.resolve(code);
    String title = status == null ? "Error" : status.getReasonPhrase();
    String detail = code == 400
        ? "The request was rejected as malformed: its path holds characters that are not allowed (such as an encoded "
            + "slash). Send it as documented in the API description."
        : code >= 500 ? "The request could not be completed because of an error on our side. Try again later."
            : title + ".";
    try {
      response.setContentType("application/problem+json");
      response.setCharacterEncoding("UTF-8");
      Writer writer = response.getReporter();
      if (writer != null) {
        writer.write("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + code + ",\"detail\":\""
            + detail + "\"}");
        response.finishResponse();
      }
    } catch (IOException | IllegalStateException e) {
      // the client went away, or the response can no longer be written: nothing more to say
    }
  }
}
