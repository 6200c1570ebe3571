package io.spacetime.runbook.connection;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.DataConverterException;
import io.temporal.common.converter.JacksonJsonPayloadConverter;
import io.temporal.common.converter.PayloadConverter;
import java.io.IOException;
import java.lang.reflect.Type;
import java.util.Optional;

/**
 * The SDK's Jackson JSON payload converter ({@code json/plain}), unchanged except for one thing: a
 * payload that does not fit its type fails with a {@link DataConverterException} whose message a
 * person can act on ({@link MappingErrorMessage}: the field, what was given, what is accepted, "did
 * you mean"), not Jackson's class names and token positions. That message is what the Web UI
 * shows when an update is rejected and what a run started with a malformed input fails with.
 *
 * <p>Payloads that fit are read and written exactly as the SDK does, so histories replay unchanged.
 */
public final class ExplainingJsonConverter implements PayloadConverter {

  private final JacksonJsonPayloadConverter json = new JacksonJsonPayloadConverter();
  /** Reads a rejected payload as a tree, to say what was given at the failing field. */
  private final ObjectMapper trees = new ObjectMapper();

  @Override
  public String getEncodingType() {
    return json.getEncodingType();
  }

  @Override
  public Optional<Payload> toData(Object value) throws DataConverterException {
    return json.toData(value);
  }

  @Override
  public <T> T fromData(Payload content, Class<T> valueClass, Type valueType) throws DataConverterException {
    try {
      return json.fromData(content, valueClass, valueType);
    } catch (DataConverterException e) {
      if (e.getCause() instanceof JsonMappingException mapping) {
        throw new DataConverterException(MappingErrorMessage.of(valueClass, tree(content), mapping), mapping);
      }
      if (e.getCause() instanceof JsonProcessingException malformed) {
        throw new DataConverterException("the input is not valid JSON: " + malformed.getOriginalMessage(), malformed);
      }
      throw e;
    }
  }

  private JsonNode tree(Payload content) {
    try {
      return trees.readTree(content.getData().toByteArray());
    } catch (IOException notJson) {
      return null;
    }
  }
}
