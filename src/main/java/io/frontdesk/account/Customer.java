package io.frontdesk.account;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.time.OffsetDateTime;

/** A customer of the support desk; the tier decides what the agents may do for them. */
@Entity
public class Customer {

  // text in the schema (Flyway owns it); without this Hibernate's validation expects varchar(255)
  @Id
  @Column(columnDefinition = "text")
  public String id;

  public String name;
  public String email;
  public String tier;
  public String company;
  public String country;

  @Column(name = "created_at")
  public OffsetDateTime createdAt;
}
