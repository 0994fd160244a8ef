package io.frontdesk.account;

import io.frontdesk.security.CustomerDirectory;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Customers by id, through Hibernate Reactive Panache: a customer's profile is read and written
 * whole, off the turn's hot path (docs/architecture.md, "Persistence").
 */
@ApplicationScoped
public class CustomerRepository
    implements PanacheRepositoryBase<Customer, String>, CustomerDirectory {

  @Override
  @WithSession
  public Uni<Boolean> exists(String customerId) {
    return count("id", customerId).map(n -> n > 0);
  }
}
