package io.frontdesk.account;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.time.OffsetDateTime;

/** A customer of the support desk; the tier decides what the agents may do for them. */
@Entity
public class Customer {

  // text in the schema (Flyway owns it); without columnDefinition Hibernate's validation (dev
  // mode) expects varchar(255) and logs an ERROR per column
  @Id
  @Column(columnDefinition = "text")
  public String id;

  @Column(columnDefinition = "text")
  public String name;

  @Column(columnDefinition = "text")
  public String email;

  @Column(columnDefinition = "text")
  public String tier;

  @Column(columnDefinition = "text")
  public String company;

  @Column(columnDefinition = "text")
  public String country;

  @Column(name = "created_at")
  public OffsetDateTime createdAt;
}
