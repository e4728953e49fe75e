/**
 * Image references as nodes and pods spell them: the kubelet reports `docker.io/library/nginx:1.27`
 * where a manifest says `nginx:1.27`, so references are compared without Docker Hub's implied
 * registry and `library/` prefix.
 */

/** `docker.io/library/nginx:1.27` → `nginx:1.27`; any other registry is kept. */
export function withoutDefaultRegistry(image: string): string {
  return image.replace(/^(docker\.io\/)?(library\/)?/, '');
}

/** Whether two references name the same image (tag or digest form, Docker Hub prefix or not). */
export function sameImageRef(a: string, b: string): boolean {
  return withoutDefaultRegistry(a) === withoutDefaultRegistry(b);
}
