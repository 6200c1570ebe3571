package io.spacetime.runbook.core;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.temporal.common.converter.DataConverterException;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptor;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkflowOutboundCallsInterceptor;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.WorkflowInit;
import io.temporal.workflow.WorkflowMethod;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * A run whose input cannot be read into the workflow's parameters (an unknown field, a wrong type,
 * an array or a bare string where one JSON object belongs: a typo in the Web UI's Start Workflow
 * form) fails at once, before anything runs, with a non-retryable {@code ApplicationFailure} of
 * type {@value InvalidInputException#TYPE} and the converter's message naming the field. Without
 * it the SDK takes the decoding error for a bug in the workflow code: it fails the workflow task
 * and retries it for ever, and the run stays RUNNING.
 *
 * <p>It guards every workflow whose arguments are decoded for a {@link WorkflowInit} constructor:
 * the SDK does that inside {@link WorkflowInboundCallsInterceptor#init}, where this interceptor
 * sits. {@link #requireGuardable} refuses a workflow it cannot guard. Only JSON mapping errors of
 * the input are judged so: a payload the worker cannot decrypt, or an activity result that no
 * longer fits after a code change, still fails only the workflow task, which the right key or a
 * fixed deployment resolves without losing the run.
 */
public final class InputGuard extends WorkerInterceptorBase {

  @Override
  public WorkflowInboundCallsInterceptor interceptWorkflow(WorkflowInboundCallsInterceptor next) {
    return new Guarded(next);
  }

  /**
   * Throws when {@code workflowImplementation} takes arguments but has no {@code @WorkflowInit}
   * constructor: its input would be decoded outside the guard.
   */
  public static void requireGuardable(Class<?> workflowImplementation) {
    boolean takesArguments = Arrays.stream(workflowImplementation.getInterfaces())
        .flatMap(i -> Arrays.stream(i.getMethods()))
        .filter(m -> m.isAnnotationPresent(WorkflowMethod.class))
        .mapToInt(Method::getParameterCount)
        .anyMatch(n -> n > 0);
    boolean hasInit = Arrays.stream(workflowImplementation.getConstructors())
        .anyMatch((Constructor<?> c) -> c.isAnnotationPresent(WorkflowInit.class));
    if (takesArguments && !hasInit) {
      throw new IllegalArgumentException(workflowImplementation.getName() + " takes arguments but has no @WorkflowInit"
          + " constructor, so a malformed input would leave its runs retrying for ever instead of failing with a"
          + " message: add a @WorkflowInit constructor with the workflow method's parameters");
    }
  }

  private static final class Guarded extends WorkflowInboundCallsInterceptorBase {

    Guarded(WorkflowInboundCallsInterceptor next) {
      super(next);
    }

    @Override
    public void init(WorkflowOutboundCallsInterceptor outboundCalls) {
      try {
        super.init(outboundCalls);
      } catch (DataConverterException e) {
        if (!isJsonMappingError(e)) {
          throw e;
        }
        throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), InvalidInputException.TYPE);
      }
    }

    private static boolean isJsonMappingError(Throwable e) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof JsonProcessingException) {
          return true;
        }
      }
      return false;
    }
  }
}
