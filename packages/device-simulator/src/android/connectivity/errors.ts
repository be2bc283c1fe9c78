// Typed errors of the slicing data path: what Android throws to an app or a DPC, as a code the caller can branch on.

export type ConnectivityErrorCode =
  /** The capability/slice category does not exist on the device's Android version (AOSP: the constant is unknown). */
  | "CATEGORY_NOT_AVAILABLE"
  /** Not a capability the simulator knows. */
  | "UNKNOWN_CAPABILITY"
  /** The app is not installed on this device (or was uninstalled). */
  | "UNKNOWN_APP"
  /** android.lang.SecurityException: the caller lacks the permission or role (DPC checks, self-certified capabilities). */
  | "SECURITY_EXCEPTION"
  /** java.lang.IllegalArgumentException. */
  | "INVALID_ARGUMENT"
  /** java.lang.IllegalStateException. */
  | "ILLEGAL_STATE"
  /** The modem does not support what was asked (HAL version or reduced feature set). */
  | "REQUEST_NOT_SUPPORTED"
  /** The method does not exist on the device's Android version (e.g. an API 33 method on Android 12). */
  | "API_NOT_AVAILABLE";

export class ConnectivityError extends Error {
  override readonly name = "ConnectivityError";
  constructor(
    readonly code: ConnectivityErrorCode,
    message: string,
  ) {
    super(message);
  }
}
