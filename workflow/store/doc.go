// Package store is how tilmash changes files on disk, so that nothing is
// lost whoever works at once.
//
// Three guarantees live here and nowhere else:
//
//   - One writer at a time. [Acquire] takes the workspace lock, a file held
//     with the operating system's file locking (flock on Unix, LockFileEx
//     on Windows, through github.com/gofrs/flock): exclusive for commands
//     that write, shared for those that only read, so that a reader never
//     sees half of a writer's change. A crash releases the lock with the
//     process; there is no PID file to clean up.
//
//   - A plan lands whole or not at all. [Commit] writes every file of a
//     plan into a staging folder, makes it durable with one sync, writes a
//     journal naming every rename, and only then renames the files into
//     place. [Recover], which every command runs under the lock before
//     anything else, finishes a commit whose journal was written and
//     throws away one whose journal was not, so a kill -9 at any instant
//     leaves every file old or every file new.
//
//   - Only inside the folder. Every access goes through [os.Root], so a
//     symbolic link that leads outside the folder is refused, naming it.
//
//     lock, err := store.Acquire(ctx, root, store.Exclusive, 30*time.Second, waiting)
//     defer lock.Release()
//     err = store.Recover(root)
//     err = store.Commit(ctx, root, changes, store.Options{})
package store
