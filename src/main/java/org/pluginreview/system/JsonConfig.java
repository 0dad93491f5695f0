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
 * characters (but tab and line breaks), bidirectional formatting characters and unpaired surrogates are
 * refused wherever they appear.
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
          throw ErrorCode.VALIDATION_FAILED.exception("Field '" + field + "' contains control characters, "
                  + "bidirectional formatting characters or broken surrogate pairs.")
              .with("fields", Map.of(field, "no control characters"));
        }
        return value;
      }
    });
    return module;
  }

  /**
   * C0/C1 controls but tab and line breaks; the bidirectional formatting characters, with which text can
   * show in an order other than its own (a name that reads as another, "Trojan Source"); and a surrogate
   * without its pair, which is no character at all and breaks whatever encodes it next.
   */
  static boolean hasControlCharacter(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || (c >= 0x7f && c <= 0x9f)
          || c == '\u061c' || c == '\u200e' || c == '\u200f' || (c >= '\u202a' && c <= '\u202e')
          || (c >= '\u2066' && c <= '\u2069')) {
        return true;
      }
      if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return true;
      }
    }
    return false;
  }
}
