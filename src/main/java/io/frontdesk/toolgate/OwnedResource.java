package io.frontdesk.toolgate;

/** Resources a tool argument can name, with how to find their owner. */
public enum OwnedResource {
  ORDER("order", "select customer_id from orders where id = $1"),
  INVOICE("invoice", "select customer_id from invoice where id = $1 or number = $1"),
  PAYMENT("payment", "select customer_id from payment where id = $1"),
  SERVICE("service", "select customer_id from service where id = $1");

  private final String noun;
  private final String ownerQuery;

  OwnedResource(String noun, String ownerQuery) {
    this.noun = noun;
    this.ownerQuery = ownerQuery;
  }

  public String noun() {
    return noun;
  }

  /** One parameter: the id; answers the owning customer ids (none when it does not exist). */
  String ownerQuery() {
    return ownerQuery;
  }
}
