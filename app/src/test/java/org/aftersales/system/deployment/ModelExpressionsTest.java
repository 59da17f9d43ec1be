package org.aftersales.system.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.aftersales.AfterSalesIntegrationTest;
import org.aftersales.TestHttp;
import org.aftersales.TestHttp.Part;
import org.aftersales.TestHttp.Response;
import org.aftersales.returns.ReturnLimits;
import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A designer cannot run code on the server through a model: expressions that reach for reflection, the
 * Spring environment or other beans are refused at deployment (400 naming the element), nothing runs, nothing
 * leaks; and the expression manager refuses them again as they run.
 */
@AfterSalesIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
public class ModelExpressionsTest {

  /** The attack of issue 16: a timer start event whose date runs an operating-system command. */
  public static String timerModel(String key, String timeDate) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
            xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Defs_%1$s" targetNamespace="http://example.com">
          <bpmn:process id="%1$s" isExecutable="true" camunda:historyTimeToLive="P1D">
            <bpmn:startEvent id="StartEvent_Evil">
              <bpmn:timerEventDefinition id="Timer_Evil"><bpmn:timeDate>%2$s</bpmn:timeDate></bpmn:timerEventDefinition>
            </bpmn:startEvent>
          </bpmn:process>
        </bpmn:definitions>
        """.formatted(key, timeDate.replace("'", "&apos;"));
  }

  public static String touch(Path file) {
    return "${''.getClass().forName('java.lang.Runtime').getMethod('getRuntime').invoke(null).exec('touch "
        + file.toAbsolutePath() + "')}";
  }

  @LocalServerPort int port;
  @Autowired RepositoryService repositoryService;
  @Autowired ModelExpressions rules;
  @Autowired ReturnLimits returnLimits;
  @Value("${spring.datasource.url}") String secret;

  Response deploy(String user, String key, String bpmn) {
    return TestHttp.on(port).postMultipart("/engine-rest/deployment/create", user, List.of(
        Part.field("deployment-name", key),
        Part.file("data", key + ".bpmn", "application/xml", bpmn.getBytes(StandardCharsets.UTF_8))), Map.of());
  }

  @Test
  void aModelThatRunsACommandIsRefusedNamingTheElementAndRunsNothing() throws Exception {
    Path pwned = Files.createTempDirectory("pwned").resolve("pwned");
    String key = "evil" + UUID.randomUUID().toString().substring(0, 8);

    Response answer = deploy("designer", key, timerModel(key, touch(pwned)));

    assertThat(answer.status()).as(answer.body()).isEqualTo(400);
    assertThat(answer.contentType()).startsWith("application/problem+json");
    assertThat(answer.body()).contains("Timer_Evil").contains("getClass").doesNotContain("Exception");
    assertThat(pwned).doesNotExist();
    assertThat(repositoryService.createProcessDefinitionQuery().processDefinitionKey(key).count()).isZero();
  }

  @Test
  void aModelReadingTheSpringEnvironmentLeaksNothing(CapturedOutput output) {
    String key = "leak" + UUID.randomUUID().toString().substring(0, 8);

    Response answer = deploy("designer", key,
        timerModel(key, "${'x'.concat(environment.getProperty('spring.datasource.url'))}"));

    assertThat(answer.status()).as(answer.body()).isEqualTo(400);
    assertThat(answer.body()).contains("Timer_Evil").contains("environment").doesNotContain(secret);
    assertThat(output.getAll()).doesNotContain(secret);
    assertThat(repositoryService.createProcessDefinitionQuery().processDefinitionKey(key).count()).isZero();
  }

  @Test
  void otherBeansEngineServicesScriptsAndComputedNamesAreRefused() {
    assertThat(rules.refusal("${execution.processEngineServices.runtimeService}")).isPresent();
    assertThat(rules.refusal("${dataSource.connection}")).isPresent();
    assertThat(rules.refusal("${''['class']}")).isPresent();
    assertThat(rules.refusal("${x[y.concat('ss')]}")).isPresent();
    assertThat(rules.refusal("${returnLimits.getClass()}")).isPresent();
    String key = "script" + UUID.randomUUID().toString().substring(0, 8);
    String script = timerModel(key, "2020-01-01T00:00:00Z").replace("</bpmn:process>",
        "<bpmn:scriptTask id=\"Task_Script\" scriptFormat=\"groovy\"><bpmn:script>1</bpmn:script></bpmn:scriptTask>"
            + "</bpmn:process>");

    Response answer = deploy("designer", key, script);

    assertThat(answer.status()).as(answer.body()).isEqualTo(400);
    assertThat(answer.body()).contains("Task_Script").contains("scripts are not allowed");
  }

  @Test
  void whatTheModelsUseIsAllowed() {
    for (String expression : List.of("${returnLimits.reviewDue()}", "${returnLimits.jobRetryCycle}",
        "${execution.setVariable('refundNumberBase', refundLedger.forCase(execution.processBusinessKey).size())}",
        "${'Appointment booked for '.concat(slotStart)}", "${notifyCustomerDelegate}",
        "${reviewDecision == 'APPROVE' ? 'a' : 'b'}", "#{execution.processBusinessKey}",
        "${currentUserGroups()}", "${dateTime().withTimeAtStartOfDay().plusDays(1).toDate()}")) {
      assertThat(rules.refusal(expression)).as(expression).isEmpty();
    }
  }

  @Test
  void asAnExpressionRunsOnlyAllowedCallsAreMade() {
    rules.checkCall("x", "concat");
    rules.checkCall(returnLimits, "reviewDue");
    rules.checkRead(returnLimits, "jobRetryCycle");
    assertThatThrownBy(() -> rules.checkCall("x", "getClass")).isInstanceOf(ModelExpressions.ExpressionRefusedException.class);
    assertThatThrownBy(() -> rules.checkCall(String.class, "forName")).isInstanceOf(ModelExpressions.ExpressionRefusedException.class);
    assertThatThrownBy(() -> rules.checkCall(new StringBuilder(), "append")).isInstanceOf(ModelExpressions.ExpressionRefusedException.class);
    assertThatThrownBy(() -> rules.checkCall(Runtime.getRuntime(), "exec")).isInstanceOf(ModelExpressions.ExpressionRefusedException.class);
    assertThatThrownBy(() -> rules.checkRead("x", "class")).isInstanceOf(ModelExpressions.ExpressionRefusedException.class);
    assertThat(rules.mayUseBean("environment")).isFalse();
    assertThat(rules.mayUseBean("notifyCustomerDelegate")).isTrue();
  }
}
