package org.aftersales.system.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.util.Collection;
import org.springframework.stereotype.Component;

/**
 * Refuses unknown fields in request bodies marked {@link RejectUnknownFields} (the application otherwise ignores
 * them, as Spring Boot's JSON set-up does), as the same {@link UnrecognizedPropertyException} that Jackson raises when
 * told to fail on all of them; {@link ApiExceptionHandler} answers it with the field and the known ones.
 */
@Component
public class UnknownFieldsModule extends SimpleModule {

  public UnknownFieldsModule() {
    super("aftersales-unknown-fields");
  }

  @Override
  public void setupModule(SetupContext context) {
    super.setupModule(context);
    context.addDeserializationProblemHandler(new DeserializationProblemHandler() {
      @Override
      public boolean handleUnknownProperty(DeserializationContext ctxt, JsonParser p, JsonDeserializer<?> deserializer,
          Object beanOrClass, String propertyName) throws IOException {
        Class<?> type = beanOrClass instanceof Class<?> c ? c : beanOrClass.getClass();
        if (!type.isAnnotationPresent(RejectUnknownFields.class)) {
          return false;
        }
        Collection<Object> known = deserializer == null ? null : deserializer.getKnownPropertyNames();
        throw UnrecognizedPropertyException.from(p, beanOrClass, propertyName, known);
      }
    });
  }
}
