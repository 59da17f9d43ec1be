package org.aftersales.system.web;

import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.JsonMappingException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolationException;
import java.util.List;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.ProcessEngineException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.transaction.TransactionException;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error of the shop-facing API as {@code application/problem+json} with a detail a person can act
 * on and, for validation, the offending fields under {@code errors}. It applies to every handler, and to
 * requests for which none was chosen (an unknown path, a method or content type no endpoint takes), so that
 * those too are problems rather than Spring's default error body.
 */
@RestControllerAdvice
public class ApiExceptionHandler extends ResponseEntityExceptionHandler {

  private static final Logger LOG = LoggerFactory.getLogger(ApiExceptionHandler.class);

  @ExceptionHandler(InvalidRequestException.class)
  ProblemDetail invalid(InvalidRequestException e) {
    return validationProblem(e.problems());
  }

  @ExceptionHandler(ConstraintViolationException.class)
  ProblemDetail constraintViolation(ConstraintViolationException e) {
    return validationProblem(e.getConstraintViolations().stream()
        .map(v -> new InvalidRequestException.FieldProblem(v.getPropertyPath().toString(), v.getMessage())).toList());
  }

  @ExceptionHandler(NotFoundException.class)
  ProblemDetail notFound(NotFoundException e) {
    return problem(HttpStatus.NOT_FOUND, "Not found", e.getMessage());
  }

  @ExceptionHandler(ConflictException.class)
  ProblemDetail conflict(ConflictException e) {
    return problem(HttpStatus.CONFLICT, "Conflict", e.getMessage());
  }

  @ExceptionHandler(RetryLaterException.class)
  ResponseEntity<ProblemDetail> retryLater(RetryLaterException e) {
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "5")
        .body(problem(HttpStatus.SERVICE_UNAVAILABLE, "Try again shortly", e.getMessage()));
  }

  /**
   * A database that cannot be reached, where a handler failed on it: the same 503 problem as
   * {@link DatabaseUnavailableFilter}. Without this, Spring's last resolver took the driver's {@code EOFException}
   * among the causes ("connection was unexpectedly lost") for a client that had gone away and answered an empty 200:
   * a case opened just as the database went looked acknowledged and was not ({@code DatabaseOutageTest}). Any other
   * failure goes on as before.
   */
  @ExceptionHandler({TransactionException.class, DataAccessException.class, ProcessEngineException.class})
  ResponseEntity<ProblemDetail> databaseUnavailable(RuntimeException e, HttpServletRequest request) {
    if (!DatabaseUnavailable.isCause(e)) {
      throw e;
    }
    LOG.warn("Database unavailable: {} {} answered 503 ({})", request.getMethod(), request.getRequestURI(), e.toString());
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
        .header(HttpHeaders.RETRY_AFTER, DatabaseUnavailableFilter.RETRY_AFTER_SECONDS)
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(DatabaseUnavailableFilter.problem(request.getRequestURI()));
  }

  @ExceptionHandler(PayloadTooLargeException.class)
  ProblemDetail tooLarge(PayloadTooLargeException e) {
    return problem(HttpStatus.PAYLOAD_TOO_LARGE, "Too large", e.getMessage());
  }

  @ExceptionHandler(UnsupportedContentException.class)
  ProblemDetail unsupportedContent(UnsupportedContentException e) {
    return problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported content", e.getMessage());
  }

  @ExceptionHandler(MultipartException.class)
  ProblemDetail unreadableMultipart(MultipartException e) {
    return problem(HttpStatus.BAD_REQUEST, "Malformed request body", "The multipart/form-data body could not be "
        + "read. Send the file as a part named 'file', as documented in the API description.");
  }

  @ExceptionHandler(UnprocessableException.class)
  ProblemDetail unprocessable(UnprocessableException e) {
    return problem(HttpStatus.UNPROCESSABLE_ENTITY, "Cannot be processed", e.getMessage());
  }

  @Override
  protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    List<InvalidRequestException.FieldProblem> problems = e.getBindingResult().getFieldErrors().stream()
        .map(f -> new InvalidRequestException.FieldProblem(f.getField(), f.getDefaultMessage())).toList();
    return ResponseEntity.badRequest().body(validationProblem(problems));
  }

  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    Throwable cause = e.getCause();
    for (Throwable c = cause; c != null; c = c.getCause()) {
      if (c instanceof RequestSizeLimitFilter.BodyTooLargeException tooLarge) {
        // a streamed body cut off at the limit (RequestSizeLimitFilter), not malformed JSON
        return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE)
            .body(problem(HttpStatus.PAYLOAD_TOO_LARGE, "Request body too large", tooLarge.getMessage()));
      }
    }
    ProblemDetail problem;
    if (cause instanceof InvalidFormatException invalid) {
      String field = path(invalid);
      String allowed = invalid.getTargetType() != null && invalid.getTargetType().isEnum()
          ? " (allowed: " + java.util.Arrays.stream(invalid.getTargetType().getEnumConstants()).map(Object::toString)
              .collect(Collectors.joining(", ")) + ")"
          : "";
      problem = validationProblem(List.of(new InvalidRequestException.FieldProblem(field,
          "has an invalid value " + abbreviate(String.valueOf(invalid.getValue())) + allowed)));
    } else if (cause instanceof UnrecognizedPropertyException unknown) {
      String known = unknown.getKnownPropertyIds() == null ? "" : " (fields here: " + unknown.getKnownPropertyIds()
          .stream().map(String::valueOf).sorted().collect(Collectors.joining(", ")) + ")";
      problem = validationProblem(List.of(new InvalidRequestException.FieldProblem(path(unknown),
          "is not a field of this request; check its spelling" + known)));
    } else if (cause instanceof MismatchedInputException mismatched) {
      problem = validationProblem(List.of(new InvalidRequestException.FieldProblem(path(mismatched),
          "has the wrong type" + (mismatched.getTargetType() == null ? "" : ": expected " + simpleType(mismatched.getTargetType())))));
    } else {
      problem = problem(HttpStatus.BAD_REQUEST, "Malformed request body",
          "The body is not valid JSON or is missing. Send a JSON object as documented in the API description.");
    }
    return ResponseEntity.badRequest().body(problem);
  }

  @Override
  protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException e,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    if (e.isForReturnValue()) {
      return super.handleHandlerMethodValidationException(e, headers, status, request);
    }
    List<InvalidRequestException.FieldProblem> problems = new java.util.ArrayList<>();
    for (ParameterValidationResult result : e.getParameterValidationResults()) {
      if (result instanceof ParameterErrors errors) {
        errors.getFieldErrors().forEach(f ->
            problems.add(new InvalidRequestException.FieldProblem(f.getField(), f.getDefaultMessage())));
      } else {
        String name = result.getMethodParameter().getParameterName();
        result.getResolvableErrors().forEach(r ->
            problems.add(new InvalidRequestException.FieldProblem(name, r.getDefaultMessage())));
      }
    }
    return ResponseEntity.badRequest().body(validationProblem(problems));
  }

  @Override
  protected ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException e, HttpHeaders headers,
      HttpStatusCode status, WebRequest request) {
    return ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem(HttpStatus.NOT_FOUND, "Not found",
        "There is no API endpoint at /" + e.getResourcePath() + ". The endpoints are listed in the API description "
            + "(/v3/api-docs)."));
  }

  private static ProblemDetail validationProblem(List<InvalidRequestException.FieldProblem> problems) {
    ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Invalid request",
        "Correct the fields listed under 'errors' and send the request again: "
            + problems.stream().map(p -> p.field() + " " + p.message()).collect(Collectors.joining("; ")));
    problem.setProperty("errors", problems);
    return problem;
  }

  public static ProblemDetail problem(HttpStatus status, String title, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setTitle(title);
    return problem;
  }

  private static String path(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference reference : e.getPath()) {
      if (reference.getFieldName() != null) {
        path.append(path.isEmpty() ? "" : ".").append(reference.getFieldName());
      } else {
        path.append('[').append(reference.getIndex()).append(']');
      }
    }
    return path.isEmpty() ? "body" : path.toString();
  }

  private static String simpleType(Class<?> type) {
    if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
      return "a number";
    }
    if (java.util.Collection.class.isAssignableFrom(type)) {
      return "a list";
    }
    if (type == String.class || type.isEnum()) {
      return "a string";
    }
    return "an object";
  }

  private static String abbreviate(String value) {
    return value.length() > 40 ? "'" + value.substring(0, 40) + "...'" : "'" + value + "'";
  }
}
