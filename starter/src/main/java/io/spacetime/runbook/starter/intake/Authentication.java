package io.spacetime.runbook.starter.intake;

import io.javalin.http.Context;

/**
 * Bearer-token authentication for every endpoint but {@code /healthz} (a load balancer's probe
 * carries no secret). A missing or wrong token is a 401 with {@code WWW-Authenticate}; which one
 * was wrong is never said, and the token is never logged.
 */
final class Authentication {

  static final String OPEN_PATH = "/healthz";
  private static final String REALM = "Bearer realm=\"runbook-intake\"";
  private static final String INVALID = "invalid";

  private Authentication() {}

  static void check(Context ctx, IntakeTokens tokens) {
    if (OPEN_PATH.equals(ctx.path())) {
      return;
    }
    String header = ctx.header("Authorization");
    if (header == null || header.isBlank()) {
      throw new ApiError(401, "a bearer token is required: send the header Authorization: Bearer <token>", "Authorization");
    }
    String token = header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).strip() : null;
    if (!tokens.accepts(token)) {
      ctx.attribute(INVALID, true);
      throw new ApiError(401, "the bearer token is not accepted by this intake", "Authorization");
    }
  }

  /** RFC 6750: the realm, and {@code error="invalid_token"} when a token was sent but refused. */
  static String challenge(Context ctx) {
    return Boolean.TRUE.equals(ctx.attribute(INVALID)) ? REALM + ", error=\"invalid_token\"" : REALM;
  }
}
