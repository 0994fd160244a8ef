package io.frontdesk.toolgate;

/** Resources a tool argument can name; {@link OwnershipRepository} finds their owner. */
public enum OwnedResource {
  ORDER("order"),
  INVOICE("invoice"),
  PAYMENT("payment"),
  SERVICE("service");

  private final String noun;

  OwnedResource(String noun) {
    this.noun = noun;
  }

  public String noun() {
    return noun;
  }
}
