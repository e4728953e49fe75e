/** The full-stack app's container image (built from app/Dockerfile; bump when the app's behaviour changes). */

/** Tag of the app image. */
export const APP_IMAGE_VERSION = '0.1.0';
/** The app image, pinned by tag. */
export const FULL_STACK_APP_IMAGE = `perflab/full-stack-app:${APP_IMAGE_VERSION}`;
/** Port the app listens on in its container. */
export const APP_PORT = 8080;
/** Numeric user the image runs as (non-root). */
export const APP_UID = 10001;
