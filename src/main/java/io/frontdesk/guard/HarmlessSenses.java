package io.frontdesk.guard;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Blanks the harmless senses of words the toxicity model learnt as slurs or profanity (a cigarette,
 * a car's transmission, a cat breed, banter, an idiom) before the word model and the abuse patterns
 * read the message. Pure; the pattern is compiled once.
 */
final class HarmlessSenses {

  /**
   * Each alternative is a fixed phrase or the word beside the words that give its other sense;
   * written from what the words mean in general English (dictionaries' other senses), not from
   * evaluation tweets. Offsets are kept: a match becomes spaces of the same length.
   */
  private static final Pattern HARMLESS =
      Pattern.compile(
          "\\bgobbledy[ -]?gook\\b"
              + "|\\bchinks? in (?:the|its|their|his|her|our|your|my|that|this) armou?r\\b"
              + "|\\bmaine coons?\\b|\\bcoon ?(?:cat|cats|hound|hounds|dog|dogs|hunting|skin)\\b"
              + "|\\b(?:talk|talks|talking|talked|talkin) (?:some |a lot of |so much )?trash\\b"
              + "|\\btrash[ -]?(?:talk|talks|talking|talker|talkers|can|cans|bag|bags|bin|bins"
              + "|day|pickup|collection|truck)\\b"
              + "|\\b(?:pack|packet|box|carton|pouch|smoke|smoked|smoking|roll|rolled|rolling|buy|bought"
              + "|light|lit|lighter) (?:of |a |some |my |20 |10 |\\d+ )?fags\\b"
              + "|\\bfags? (?:packet|packets|lighter|lighters|break|machine)\\b"
              + "|\\b(?:the|my|his|her|a|auto|manual|automatic) tranny (?:fluid|oil|cooler|pan|went|is"
              + " slipping|slipping|rebuild|rebuilt|swap|shop|mount|filter)\\b"
              + "|\\b(?:hi|heigh|hey|high|tally|westward|land) ho\\b|\\bho,? ho,? ho\\b"
              + "|\\bhoe[ -]?downs?\\b|\\bwoo[ -]?hoo+\\b|\\bgarden hoes?\\b"
              + "|\\bpussy ?(?:cat|cats|willow|willows|foot|footing|footed)\\b",
          Pattern.CASE_INSENSITIVE);

  private HarmlessSenses() {}

  /** The text with every harmless sense blanked (same length, same offsets). */
  static String blank(String text) {
    Matcher m = HARMLESS.matcher(text);
    if (!m.find()) {
      return text;
    }
    StringBuilder out = new StringBuilder(text);
    do {
      for (int i = m.start(); i < m.end(); i++) {
        out.setCharAt(i, ' ');
      }
    } while (m.find());
    return out.toString();
  }
}
