package org.aftersales.cases.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Client file names made safe, and document types told by their content. */
class FileNamesTest {

  @ParameterizedTest(name = "{0} as {1}: {2}")
  @CsvSource(delimiter = '|', value = {
      "photo.PNG                      | PNG  | photo.png",
      "C:\\Users\\li\\Desktop\\box.png | PNG  | box.png",
      "../../etc/passwd               | PDF  | passwd.pdf",
      ".htaccess                      | PDF  | htaccess.pdf",
      "scan.jpeg                      | JPEG | scan.jpeg",
      "scan.png                       | JPEG | scan.jpg",
      "invoice.pdf.html               | PDF  | invoice.pdf.pdf",
      "发票 (copy) [1].pdf             | PDF  | 发票 _copy_ _1.pdf",
      "a\"b;c<d>e.webp                | WEBP | a_b_c_d_e.webp",
      "...                            | PNG  | document.png",
      "''                             | PDF  | document.pdf"})
  void namesAreSanitised(String original, DocumentType type, String expected) {
    assertThat(FileNames.sanitise(original, type)).isEqualTo(expected);
  }

  @Test
  void controlCharactersMarkupAndLengthAreCut() {
    assertThat(FileNames.sanitise("bad\u0000name\r\n<script>.png", DocumentType.PNG)).isEqualTo("bad_name_script.png");
    assertThat(FileNames.sanitise("line\nbreak\u202Egnp.exe", DocumentType.PNG)).isEqualTo("line_break_gnp.png");
    assertThat(FileNames.sanitise(null, DocumentType.PDF)).isEqualTo("document.pdf");
    String longName = FileNames.sanitise("x".repeat(300) + ".pdf", DocumentType.PDF);
    assertThat(longName).hasSize(FileNames.MAX_LENGTH).endsWith("x.pdf");
    String supplementary = FileNames.sanitise("a" + "\uD840\uDC0B".repeat(80) + ".png", DocumentType.PNG);
    assertThat(supplementary).endsWith(".png").hasSizeLessThanOrEqualTo(FileNames.MAX_LENGTH);
    assertThat(Character.isHighSurrogate(supplementary.charAt(supplementary.length() - 5))).as("no half pair").isFalse();
  }

  @Test
  void typesAreToldByContentNotByName() {
    assertThat(DocumentType.of(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0})).contains(DocumentType.PNG);
    assertThat(DocumentType.of(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0})).contains(DocumentType.JPEG);
    assertThat(DocumentType.of("RIFF\u0000\u0000\u0000\u0000WEBPVP8 ".getBytes(StandardCharsets.ISO_8859_1)))
        .contains(DocumentType.WEBP);
    assertThat(DocumentType.of("%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII))).contains(DocumentType.PDF);
    assertThat(DocumentType.of("<html><script>alert(1)</script></html>".getBytes(StandardCharsets.US_ASCII))).isEmpty();
    assertThat(DocumentType.of("RIFF\u0000\u0000\u0000\u0000WAVEfmt ".getBytes(StandardCharsets.ISO_8859_1))).isEmpty();
    assertThat(DocumentType.of(new byte[] {(byte) 0x89, 'P'})).isEmpty();
    assertThat(DocumentType.JPEG.isNamedBy("image/jpg")).isTrue();
    assertThat(DocumentType.PNG.isNamedBy("IMAGE/PNG; q=1")).isTrue();
    assertThat(DocumentType.PNG.isNamedBy("text/html")).isFalse();
  }
}
