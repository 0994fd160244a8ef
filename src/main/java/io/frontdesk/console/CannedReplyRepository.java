package io.frontdesk.console;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Canned replies through Hibernate Reactive Panache: edited one at a time by an admin, read whole
 * by agents, never touched by a turn (docs/architecture.md, "Panache or the SQL client").
 */
@ApplicationScoped
public class CannedReplyRepository implements PanacheRepositoryBase<CannedReply, Long> {

  /** Every canned reply, by shortcut. */
  Uni<List<CannedReply>> all() {
    return listAll(Sort.by("shortcut"));
  }

  /** Whether another reply (not {@code except}; null: any) has the shortcut. */
  Uni<Boolean> shortcutTaken(String shortcut, Long except) {
    return (except == null
            ? count("shortcut", shortcut)
            : count("shortcut = ?1 and id <> ?2", shortcut, except))
        .map(n -> n > 0);
  }
}
