package org.aftersales.repair;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.security.Principal;
import java.util.List;
import org.aftersales.system.web.InvalidRequestException;
import org.aftersales.system.web.NotFoundException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The self-repair knowledge base: staff read it, agents and supervisors edit it. */
@RestController
@RequestMapping("/api/knowledge/articles")
@Tag(name = "Knowledge base", description = "Self-repair articles sent to customers")
public class KnowledgeBaseController {

  /** An article's content. */
  public record ArticleText(@NotBlank @Size(max = 200) String title, @NotBlank @Size(max = 4000) String body) {}

  private final KnowledgeBase knowledge;

  public KnowledgeBaseController(KnowledgeBase knowledge) {
    this.knowledge = knowledge;
  }

  @GetMapping
  public List<KnowledgeBase.Article> all() {
    return knowledge.all();
  }

  @GetMapping("/{key}")
  public KnowledgeBase.Article one(@PathVariable String key) {
    return knowledge.find(key).orElseThrow(() -> new NotFoundException("No article " + key));
  }

  @PutMapping("/{key}")
  @Operation(summary = "Write an article", description = "The rule table self-repair-advice names articles by key.")
  public KnowledgeBase.Article save(@PathVariable @Pattern(regexp = "[a-z0-9]+(-[a-z0-9]+)*") String key,
      @RequestBody @Valid ArticleText text, Principal user) {
    if (!key.matches("[a-z0-9]+(-[a-z0-9]+)*") || key.length() > 60) {
      throw new InvalidRequestException("key", "must be lower-case words joined by hyphens, at most 60 characters");
    }
    if (text.body().matches("(?is).*<\\s*[a-z/!?].*|.*javascript:.*")) {
      throw new InvalidRequestException("body", "must be plain text, without HTML or script markup");
    }
    return knowledge.save(key, text.title(), text.body(), user.getName());
  }
}
