package org.aftersales.cases.documents;

import jakarta.servlet.MultipartConfigElement;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.MultipartConfigFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

/**
 * Multipart uploads as large as a document plus the ordinary body limit for the other fields, derived from
 * {@code aftersales.documents.max-size} (so {@code spring.servlet.multipart.max-*} do not apply). The request
 * size filter refuses larger bodies first, and the upload itself refuses a file above the document limit, each
 * with a problem that names the limit.
 */
@Configuration
@EnableConfigurationProperties(DocumentProperties.class)
class DocumentConfiguration {

  @Bean
  MultipartConfigElement multipartConfigElement(DocumentProperties documents,
      @Value("${aftersales.api.max-body-size:64KB}") DataSize maxBodySize) {
    DataSize limit = DataSize.ofBytes(documents.maxSize().toBytes() + maxBodySize.toBytes());
    MultipartConfigFactory factory = new MultipartConfigFactory();
    factory.setMaxFileSize(limit);
    factory.setMaxRequestSize(limit);
    factory.setFileSizeThreshold(DataSize.ofMegabytes(1));
    return factory.createMultipartConfig();
  }
}
