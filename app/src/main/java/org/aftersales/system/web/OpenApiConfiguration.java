package org.aftersales.system.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI description of the shop-facing API, served at /v3/api-docs with Swagger UI. */
@Configuration
public class OpenApiConfiguration {

  @Bean
  OpenAPI afterSalesApi() {
    return new OpenAPI()
        .info(new Info().title("After-sales service API").version("1")
            .description("Cases (returns, refunds, exchanges, re-shipments, repairs, complaints) for shops, and the "
                + "event callbacks of carriers and payment providers. Errors are application/problem+json; every "
                + "POST that creates or changes something takes an Idempotency-Key header."))
        .components(new Components().addSecuritySchemes("basic",
            new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")))
        .addSecurityItem(new SecurityRequirement().addList("basic"));
  }
}
