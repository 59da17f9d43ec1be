package org.aftersales.system.security;

import java.util.ArrayList;
import java.util.Set;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.springframework.stereotype.Component;

/**
 * Tells {@link LoginCache} when a user, a group or a membership changes, whoever changes it on this node: every
 * engine command that saves, deletes or unlocks a user or a group, or adds or removes a membership, forgets the
 * remembered logins before it runs and again after it has committed (a login checked meanwhile is not remembered:
 * {@link LoginCache#remember}).
 */
@Component
public class IdentityChangeWatch extends AbstractProcessEnginePlugin {

  /** Camunda's commands (org.camunda.bpm.engine.impl.cmd) that change what a login check answers. */
  static final Set<String> COMMANDS = Set.of("SaveUserCmd", "DeleteUserCmd", "UnlockUserCmd", "SaveGroupCmd",
      "DeleteGroupCmd", "CreateMembershipCmd", "DeleteMembershipCmd");

  private final LoginCache cache;

  public IdentityChangeWatch(LoginCache cache) {
    this.cache = cache;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomPreCommandInterceptorsTxRequired() == null) {
      configuration.setCustomPreCommandInterceptorsTxRequired(new ArrayList<>());
    }
    if (configuration.getCustomPreCommandInterceptorsTxRequiresNew() == null) {
      configuration.setCustomPreCommandInterceptorsTxRequiresNew(new ArrayList<>());
    }
    configuration.getCustomPreCommandInterceptorsTxRequired().add(new Interceptor());
    configuration.getCustomPreCommandInterceptorsTxRequiresNew().add(new Interceptor());
  }

  private final class Interceptor extends CommandInterceptor {

    @Override
    public <T> T execute(Command<T> command) {
      if (!COMMANDS.contains(command.getClass().getSimpleName())
          || !command.getClass().getPackageName().equals("org.camunda.bpm.engine.impl.cmd")) {
        return next.execute(command);
      }
      cache.forgetAll();
      try {
        return next.execute(command);
      } finally {
        cache.forgetAll();
      }
    }
  }
}
