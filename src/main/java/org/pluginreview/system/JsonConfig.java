package org.pluginreview.system;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Text in our JSON must be a JSON string (no numbers or booleans turned into text), and control
 * characters (but tab and line breaks) are refused wherever they appear.
 */
@Configuration
class JsonConfig {

  @Bean
  Module refuseControlCharacters() {
    SimpleModule module = new SimpleModule("refuse-control-characters");
    module.addDeserializer(String.class, new StringDeserializer() {
      @Override
      public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        if (!parser.hasToken(com.fasterxml.jackson.core.JsonToken.VALUE_STRING)) {
          String field = parser.currentName() == null ? "value" : parser.currentName();
          throw ErrorCode.VALIDATION_FAILED.exception("Field '" + field + "' must be a string.")
              .with("fields", Map.of(field, "a string"));
        }
        String value = super.deserialize(parser, context);
        if (value != null && hasControlCharacter(value)) {
          String field = parser.currentName() == null ? "value" : parser.currentName();
          throw ErrorCode.VALIDATION_FAILED.exception("Field '" + field + "' contains control characters.")
              .with("fields", Map.of(field, "no control characters"));
        }
        return value;
      }
    });
    return module;
  }

  static boolean hasControlCharacter(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || (c >= 0x7f && c <= 0x9f)) {
        return true;
      }
    }
    return false;
  }
}
