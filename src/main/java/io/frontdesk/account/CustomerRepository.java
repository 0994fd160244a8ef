package io.frontdesk.account;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

/** Customers by id. */
@ApplicationScoped
public class CustomerRepository implements PanacheRepositoryBase<Customer, String> {}
