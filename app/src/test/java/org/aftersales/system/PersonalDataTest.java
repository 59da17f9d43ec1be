package org.aftersales.system;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PersonalDataTest {

  @Test
  void anEmailKeepsItsFirstLetterAndDomain() {
    assertThat(PersonalData.maskEmail("li.wei@example.com")).isEqualTo("l***@example.com");
    assertThat(PersonalData.maskEmail(" x@shop.example.cn ")).isEqualTo("x***@shop.example.cn");
  }

  @Test
  void somethingThatIsNotAnEmailIsHiddenWhole() {
    assertThat(PersonalData.maskEmail("li.wei")).isEqualTo("***");
    assertThat(PersonalData.maskEmail("@example.com")).isEqualTo("***");
    assertThat(PersonalData.maskEmail("li.wei@")).isEqualTo("***");
    assertThat(PersonalData.maskEmail(null)).isNull();
    assertThat(PersonalData.maskEmail(" ")).isNull();
  }

  @Test
  void aPhoneKeepsItsCountryCodeAndLastFourDigits() {
    assertThat(PersonalData.maskPhone("+86 138 1234 5678")).isEqualTo("+86 *** **** 5678");
    assertThat(PersonalData.maskPhone("+8613812345678")).isEqualTo("+86 *** **** 5678");
    assertThat(PersonalData.maskPhone("+1-212-555-0187")).isEqualTo("+1 *** **** 0187");
    assertThat(PersonalData.maskPhone("138-1234-5678")).isEqualTo("*** **** 5678");
  }

  @Test
  void aShortOrMissingPhoneRevealsNothing() {
    assertThat(PersonalData.maskPhone("12345")).isEqualTo("***");
    assertThat(PersonalData.maskPhone(null)).isNull();
  }

  @Test
  void everyEmailInATextIsMasked() {
    assertThat(PersonalData.maskEmailsIn("550 <li.wei@example.com>: mailbox unavailable; cc: wang@shop.example.cn"))
        .isEqualTo("550 <l***@example.com>: mailbox unavailable; cc: w***@shop.example.cn");
    assertThat(PersonalData.maskEmailsIn("Connection refused")).isEqualTo("Connection refused");
    assertThat(PersonalData.maskEmailsIn(null)).isNull();
  }

  @Test
  void anAddressKeepsOnlyItsCityAndCountry() {
    assertThat(PersonalData.maskAddress("1 Nanjing Road", "Shanghai", "CN")).isEqualTo("***, Shanghai, CN");
    assertThat(PersonalData.maskAddress(null, null, null)).isNull();
  }

  @Test
  void namedValuesInATextAreHidden() {
    String answer = "Refused: Li Wei, +86 138 0000 5678 (13800005678), 1 Nanjing Road 200001, li.wei@example.com";

    assertThat(PersonalData.maskValuesIn(answer, "Li Wei", "+86 138 0000 5678", "1 Nanjing Road", "200001"))
        .isEqualTo("Refused: ***, *** (***), *** ***, l***@example.com");
  }
}
