package io.spacetime.runbook.starter.intake;

/**
 * An answer other than success, as the intake sends it: the HTTP status and the body {@code
 * {"error": "...", "field": "..."}} ({@code field} names the JSON field, path parameter, query
 * parameter or header at fault; it is left out when no single one is).
 */
public final class ApiError extends RuntimeException {

  private final int status;
  private final String field;

  public ApiError(int status, String error, String field) {
    super(error);
    this.status = status;
    this.field = field == null ? "" : field;
  }

  public static ApiError badRequest(String error, String field) {
    return new ApiError(400, error, field);
  }

  /** Well-formed JSON whose values are not accepted (an unknown incident type, a missing summary). */
  public static ApiError unprocessable(String error, String field) {
    return new ApiError(422, error, field);
  }

  public static ApiError notFound(String error) {
    return new ApiError(404, error, "");
  }

  public int status() {
    return status;
  }

  public String field() {
    return field;
  }
}
