package dev.slipway.provider;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Disk sizes between a MachineTemplate's Kubernetes quantity ({@code 128Gi}) and the whole GiB clouds take. Shared by
 * the providers so that every cloud refuses and reports sizes the same way.
 */
public final class DiskSizes {

  private static final BigInteger GIB = BigInteger.valueOf(1L << 30);
  private static final Pattern QUANTITY = Pattern.compile("^([0-9]+(?:\\.[0-9]+)?)(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E)?$");

  private DiskSizes() {
  }

  /**
   * Whole GiB of a Kubernetes quantity ({@code 80Gi} -> 80, {@code 1Ti} -> 1024, {@code 85899345920} -> 80); null
   * for null. Clouds take whole GiB only, so a size that is not a whole number of GiB ({@code 100G} = 93.1 GiB) is
   * refused rather than rounded.
   *
   * @param cloud the cloud's name for messages, e.g. {@code EKS}
   * @throws CloudException permanent {@code InvalidParameter} naming {@code template.diskSize}
   */
  public static Integer gib(String quantity, String cloud) throws CloudException {
    if (quantity == null) {
      return null;
    }
    Matcher m = QUANTITY.matcher(quantity.trim());
    if (!m.matches()) {
      throw invalid("template.diskSize '" + quantity + "' is not a quantity such as 80Gi");
    }
    BigDecimal bytes = new BigDecimal(m.group(1)).multiply(new BigDecimal(multiplier(m.group(2))));
    BigDecimal[] gib = bytes.divideAndRemainder(new BigDecimal(GIB));
    if (gib[1].signum() != 0) {
      throw invalid("template.diskSize " + quantity + " is not a whole number of GiB, which " + cloud
          + " needs (e.g. 80Gi)");
    }
    BigInteger whole = gib[0].toBigIntegerExact();
    if (whole.signum() <= 0 || whole.bitLength() > 31) {
      throw invalid("template.diskSize " + quantity + " is out of range");
    }
    return whole.intValueExact();
  }

  /**
   * How to report a cloud's disk size: the spelling Slipway recorded at creation when it denotes the same size (so
   * that {@code 0.125Ti} stays {@code 0.125Ti} and is not seen as drift), else {@code <gib>Gi}.
   */
  public static String spelling(int gib, String recorded) {
    if (recorded != null) {
      try {
        if (Integer.valueOf(gib).equals(gib(recorded, "the cloud"))) {
          return recorded;
        }
      } catch (CloudException e) {
        // Not a size Slipway could have created with: report the cloud's.
        return gib + "Gi";
      }
    }
    return gib + "Gi";
  }

  private static BigInteger multiplier(String suffix) {
    if (suffix == null) {
      return BigInteger.ONE;
    }
    switch (suffix) {
      case "Ki": return BigInteger.TWO.pow(10);
      case "Mi": return BigInteger.TWO.pow(20);
      case "Gi": return BigInteger.TWO.pow(30);
      case "Ti": return BigInteger.TWO.pow(40);
      case "Pi": return BigInteger.TWO.pow(50);
      case "Ei": return BigInteger.TWO.pow(60);
      case "k": return BigInteger.TEN.pow(3);
      case "M": return BigInteger.TEN.pow(6);
      case "G": return BigInteger.TEN.pow(9);
      case "T": return BigInteger.TEN.pow(12);
      case "P": return BigInteger.TEN.pow(15);
      case "E": return BigInteger.TEN.pow(18);
      default: throw new IllegalArgumentException(suffix.toLowerCase(Locale.ROOT));
    }
  }

  private static CloudException invalid(String message) {
    return CloudException.permanent("InvalidParameter", message, null);
  }
}
