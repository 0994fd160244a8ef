package io.frontdesk.knowledge;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * An article or documentation page as an administrator writes it; the body is Markdown.
 *
 * @param id optional on create (the next free id is given), ignored on update (the path names it)
 * @param group the article's category or the page's section, e.g. billing or api
 */
public record DocumentInput(
    @Pattern(regexp = "(KB|DOC)-\\d{4,6}", message = "must look like KB-1065 or DOC-2035")
        String id,
    @NotBlank @Pattern(regexp = "[a-z][a-z-]{0,39}", message = "must be lower-case words with -")
        String group,
    @NotBlank @Size(max = 200) String title,
    @Size(max = 500) String tags,
    @NotBlank @Size(max = 100_000) String body) {}
