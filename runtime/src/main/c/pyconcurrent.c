/*
 * The runtime's JNI library (below JDK 22, where the FFM API is missing): the C library calls of
 * dev.pyconcurrent.subprocess.Spawner.Calls, each as the FFM binding PosixSpawn makes it.
 * Errors return -errno. Nothing here runs in the child: posix_spawnp does the child's work
 * (glibc's clone(CLONE_VM|CLONE_VFORK) + exec), so there is no async-signal-safety to keep.
 * Built by the runtime's pom (profile "native", when gcc is there) into the jar's
 * META-INF/native/linux-<arch>/libpyconcurrent.so.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <jni.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#if !__GLIBC_PREREQ(2, 34)
#error "posix_spawn_file_actions_addclosefrom_np and _addchdir_np need glibc 2.34"
#endif
#ifndef SYS_pidfd_open
#define SYS_pidfd_open 434 /* the same number on every Linux architecture */
#endif

extern char **environ;

#define JNI_FN(name) JNIEXPORT jint JNICALL Java_dev_pyconcurrent_subprocess_JniCalls_##name

/* A malloc'd copy of a byte[] (the Java side NUL-terminates it), or NULL. */
static char *copy_bytes(JNIEnv *env, jbyteArray array, jsize *length) {
    jsize n = (*env)->GetArrayLength(env, array);
    char *copy = malloc((size_t) n + 1);
    if (copy == NULL) return NULL;
    (*env)->GetByteArrayRegion(env, array, 0, n, (jbyte *) copy);
    copy[n] = 0;
    if (length != NULL) *length = n;
    return copy;
}

/* NUL-terminated strings one after another as a NULL-terminated char *[] into a copy of them
   (*block, to free with the array), or NULL. */
static char **copy_strings(JNIEnv *env, jbyteArray array, char **block) {
    jsize n;
    char *copy = copy_bytes(env, array, &n);
    if (copy == NULL) return NULL;
    size_t count = 0;
    for (jsize i = 0; i < n; i++) count += copy[i] == 0;
    char **list = malloc((count + 1) * sizeof(char *));
    if (list == NULL) {
        free(copy);
        return NULL;
    }
    size_t k = 0;
    char *start = copy;
    for (jsize i = 0; i < n; i++) {
        if (copy[i] == 0) {
            list[k++] = start;
            start = copy + i + 1;
        }
    }
    list[k] = NULL;
    *block = copy;
    return list;
}

static long pidfd_open(int pid) {
    return syscall(SYS_pidfd_open, pid, 0);
}

JNIEXPORT jboolean JNICALL Java_dev_pyconcurrent_subprocess_JniCalls_usable0(JNIEnv *env, jclass cls) {
    long fd = pidfd_open(getpid());
    if (fd < 0) return JNI_FALSE; /* a kernel older than 5.3 */
    close((int) fd);
    return JNI_TRUE;
}

JNIEXPORT jlong JNICALL Java_dev_pyconcurrent_subprocess_JniCalls_pipe0(JNIEnv *env, jclass cls, jboolean nonblocking_read) {
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) != 0) return -errno;
    if (nonblocking_read && fcntl(fds[0], F_SETFL, O_NONBLOCK) != 0) {
        int error = errno;
        close(fds[0]);
        close(fds[1]);
        return -error;
    }
    return (jlong) fds[0] << 32 | (jlong) (unsigned) fds[1];
}

/* read(2) of a non-blocking descriptor straight into array[off, off + len): the count, 0 at the end,
   -EAGAIN when nothing is there now, or -errno. The read cannot block, so the array may be pinned
   (a critical region) for it: no copy. */
JNI_FN(read0)(JNIEnv *env, jclass cls, jint fd, jbyteArray array, jint off, jint len) {
    jbyte *b = (*env)->GetPrimitiveArrayCritical(env, array, NULL);
    if (b == NULL) return -ENOMEM;
    ssize_t n;
    do n = read(fd, b + off, (size_t) len);
    while (n < 0 && errno == EINTR);
    int error = errno;
    (*env)->ReleasePrimitiveArrayCritical(env, array, b, 0);
    return n < 0 ? -error : (jint) n;
}

JNI_FN(open0)(JNIEnv *env, jclass cls, jbyteArray path, jint flags) {
    char *p = copy_bytes(env, path, NULL);
    if (p == NULL) return -ENOMEM;
    int fd;
    do fd = open(p, flags | O_CLOEXEC, 0666);
    while (fd < 0 && errno == EINTR);
    int error = errno;
    free(p);
    return fd < 0 ? -error : fd;
}

JNIEXPORT void JNICALL Java_dev_pyconcurrent_subprocess_JniCalls_close0(JNIEnv *env, jclass cls, jint fd) {
    close(fd); /* Linux closes the descriptor even when close reports an error: nothing to retry */
}

/* The file actions and attributes of spawn0: 0, or the first error number. */
static int prepare(posix_spawn_file_actions_t *actions, posix_spawnattr_t *attr, const jint *dup2, jsize n,
                   const char *cwd, jboolean setsid) {
    int rc = 0;
    for (jsize i = 0; rc == 0 && i + 1 < n; i += 2) rc = posix_spawn_file_actions_adddup2(actions, dup2[i], dup2[i + 1]);
    if (rc == 0) rc = posix_spawn_file_actions_addclosefrom_np(actions, 3);
    if (rc == 0 && cwd != NULL) rc = posix_spawn_file_actions_addchdir_np(actions, cwd);
    sigset_t none, defaults; /* the child starts with no signal blocked, SIGPIPE/SIGXFSZ at their defaults */
    if (rc == 0 && (sigemptyset(&none) != 0 || sigemptyset(&defaults) != 0 || sigaddset(&defaults, SIGPIPE) != 0
                    || sigaddset(&defaults, SIGXFSZ) != 0)) rc = EINVAL;
    if (rc == 0) rc = posix_spawnattr_setsigmask(attr, &none);
    if (rc == 0) rc = posix_spawnattr_setsigdefault(attr, &defaults);
    short flags = POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | (setsid ? POSIX_SPAWN_SETSID : 0);
    if (rc == 0) rc = posix_spawnattr_setflags(attr, flags);
    return rc;
}

JNI_FN(spawn0)(JNIEnv *env, jclass cls, jbyteArray file, jbyteArray argv, jbyteArray envp, jintArray dup2,
               jbyteArray cwd, jboolean setsid) {
    jint pairs[6];
    jsize n = (*env)->GetArrayLength(env, dup2);
    if (n > 6) return -EINVAL;
    (*env)->GetIntArrayRegion(env, dup2, 0, n, pairs);
    int rc = ENOMEM;
    char *path = NULL, *cwd_path = NULL, *argv_block = NULL, *env_block = NULL;
    char **args = NULL, **vars = NULL;
    path = copy_bytes(env, file, NULL);
    if (path == NULL) goto out;
    if (cwd != NULL && (cwd_path = copy_bytes(env, cwd, NULL)) == NULL) goto out;
    if ((args = copy_strings(env, argv, &argv_block)) == NULL) goto out;
    if (envp != NULL && (vars = copy_strings(env, envp, &env_block)) == NULL) goto out;

    posix_spawn_file_actions_t actions;
    posix_spawnattr_t attr;
    rc = posix_spawn_file_actions_init(&actions);
    if (rc != 0) goto out;
    rc = posix_spawnattr_init(&attr);
    if (rc == 0) {
        rc = prepare(&actions, &attr, pairs, n, cwd_path, setsid);
        pid_t pid;
        if (rc == 0) rc = posix_spawnp(&pid, path, &actions, &attr, args, vars != NULL ? vars : environ);
        if (rc == 0) rc = -pid; /* negated back below */
        posix_spawnattr_destroy(&attr);
    }
    posix_spawn_file_actions_destroy(&actions);
out:
    free(path);
    free(cwd_path);
    free(args);
    free(argv_block);
    free(vars);
    free(env_block);
    return -rc;
}

JNI_FN(pidfdOpen0)(JNIEnv *env, jclass cls, jint pid) {
    long fd = pidfd_open(pid);
    return fd < 0 ? -errno : (jint) fd;
}

JNI_FN(poll0)(JNIEnv *env, jclass cls, jint fd, jint millis) {
    struct pollfd p = {.fd = fd, .events = POLLIN};
    int rc = poll(&p, 1, millis);
    if (rc >= 0) return rc > 0;
    return errno == EINTR ? 0 : -errno;
}

JNI_FN(waitpid0)(JNIEnv *env, jclass cls, jint pid, jboolean block) {
    int status;
    pid_t rc;
    do rc = waitpid(pid, &status, block ? 0 : WNOHANG);
    while (rc < 0 && errno == EINTR);
    if (rc == 0) return -EAGAIN;
    return rc < 0 ? -errno : status;
}

JNI_FN(kill0)(JNIEnv *env, jclass cls, jint pid, jint sig) {
    return kill(pid, sig) == 0 ? 0 : errno;
}
