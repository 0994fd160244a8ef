package io.frontdesk.console;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** A canned reply an admin wrote, with placeholders such as {@code {{customer.name}}}. */
@Entity
@Table(name = "canned_reply")
public class CannedReply {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  // text in the schema (Flyway owns it), as in account.Customer
  @Column(columnDefinition = "text")
  public String shortcut;

  @Column(columnDefinition = "text")
  public String title;

  @Column(columnDefinition = "text")
  public String body;

  @Column(name = "updated_at")
  public OffsetDateTime updatedAt;
}
