//! The storage task: the one owner of the database handle. It opens the database, then does the
//! jobs asked of it one at a time, in the order they were asked for, and answers each. A write
//! asked for while the database is still opening waits in the channel, a later write cannot
//! overtake an earlier one, and a read sees exactly the writes asked for before it — by
//! construction, with no polling and no tickets.
//!
//! Generic over the handle (`S`), so that the ordering is tested natively with a stand-in; the
//! app's handle is `io::storage::Storage`.

use std::cell::Cell;
use std::future::Future;
use std::rc::Rc;

use futures_channel::{mpsc, oneshot};
use futures_util::StreamExt;
use futures_util::future::LocalBoxFuture;

/// One job: given the handle (`None` when the database could not be opened), the work to do.
type Job<S> = Box<dyn FnOnce(Option<S>) -> LocalBoxFuture<'static, ()>>;

/// The task stopped before answering (its page is going away).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stopped;

/// A handle for asking the storage task for jobs; cloning it is cheap.
pub struct StorageTask<S> {
    jobs: mpsc::UnboundedSender<Job<S>>,
    /// Jobs asked for and not yet done.
    pending: Rc<Cell<usize>>,
}

impl<S> Clone for StorageTask<S> {
    fn clone(&self) -> Self {
        Self {
            jobs: self.jobs.clone(),
            pending: Rc::clone(&self.pending),
        }
    }
}

impl<S: Clone + 'static> StorageTask<S> {
    /// The handle, and the task for the caller to spawn: it waits for `open` (the database, or
    /// `None` when there is none, as in a private window), then does each job in turn until
    /// every handle is dropped.
    pub fn new(
        open: impl Future<Output = Option<S>> + 'static,
    ) -> (Self, impl Future<Output = ()>) {
        let (jobs, mut asked) = mpsc::unbounded::<Job<S>>();
        let task = async move {
            let storage = open.await;
            while let Some(job) = asked.next().await {
                job(storage.clone()).await;
            }
        };
        let pending = Rc::new(Cell::new(0));
        (Self { jobs, pending }, task)
    }

    /// Jobs asked for and not yet done (reads and writes alike): while there are any, leaving
    /// the page may lose a write.
    pub fn pending(&self) -> usize {
        self.pending.get()
    }

    /// Asks for `job`, done after every job asked for before it. The job is queued now, whether
    /// or not the returned answer is awaited; awaiting gives its result, or [`Stopped`].
    pub fn ask<T, F, J>(&self, job: J) -> impl Future<Output = Result<T, Stopped>> + use<T, F, J, S>
    where
        T: 'static,
        F: Future<Output = T> + 'static,
        J: FnOnce(Option<S>) -> F + 'static,
    {
        let (answer, answered) = oneshot::channel();
        let pending = Rc::clone(&self.pending);
        let queued = self.jobs.unbounded_send(Box::new(move |storage| {
            Box::pin(async move {
                // The asker may have stopped waiting: the job is done all the same.
                let _ = answer.send(job(storage).await);
                pending.set(pending.get().saturating_sub(1));
            })
        }));
        if queued.is_ok() {
            self.pending.set(self.pending.get() + 1);
        }
        async move {
            queued.map_err(|_| Stopped)?;
            answered.await.map_err(|_| Stopped)
        }
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use std::cell::RefCell;
    use std::rc::Rc;

    use futures_executor::LocalPool;
    use futures_util::task::LocalSpawnExt;

    use super::*;

    /// A stand-in database: the writes applied, in order.
    type Applied = Rc<RefCell<Vec<String>>>;

    /// Lets the executor run other tasks once (as waiting for IndexedDB does).
    async fn yield_once() {
        let mut yielded = false;
        std::future::poll_fn(|cx| {
            if yielded {
                std::task::Poll::Ready(())
            } else {
                yielded = true;
                cx.waker().wake_by_ref();
                std::task::Poll::Pending
            }
        })
        .await;
    }

    /// A job that writes `what` after letting other work in (as IndexedDB answers later).
    fn write(
        what: &'static str,
        yields: usize,
    ) -> impl FnOnce(Option<Applied>) -> LocalBoxFuture<'static, bool> {
        move |storage| {
            Box::pin(async move {
                for _ in 0..yields {
                    yield_once().await;
                }
                let Some(storage) = storage else {
                    return false;
                };
                storage.borrow_mut().push(what.to_owned());
                true
            })
        }
    }

    #[test]
    fn writes_asked_while_the_database_opens_wait_for_it_then_land_in_the_order_asked() {
        let mut pool = LocalPool::new();
        let applied = Applied::default();
        let (opened, opening) = oneshot::channel::<()>();
        let database = applied.clone();
        let (task, run) = StorageTask::new(async move {
            opening.await.ok()?;
            Some(database)
        });
        pool.spawner().spawn_local(run).expect("spawned");
        // The first write is slow (its transaction takes several turns), the next ones quick:
        // none may overtake it.
        let answers = [
            task.ask(write("first", 5)),
            task.ask(write("second", 0)),
            task.ask(write("third", 1)),
        ];
        pool.run_until_stalled();
        assert!(applied.borrow().is_empty(), "nothing lands before the open");
        assert_eq!(task.pending(), 3, "leaving now would lose three writes");
        opened.send(()).expect("the task waits");
        let answers = pool.run_until(futures_util::future::join_all(answers));
        assert_eq!(answers, [Ok(true), Ok(true), Ok(true)]);
        assert_eq!(*applied.borrow(), ["first", "second", "third"]);
        assert_eq!(task.pending(), 0);
    }

    #[test]
    fn a_read_sees_exactly_the_writes_asked_before_it() {
        let mut pool = LocalPool::new();
        let applied = Applied::default();
        let database = applied.clone();
        let (task, run) = StorageTask::new(async move { Some(database) });
        pool.spawner().spawn_local(run).expect("spawned");
        drop(task.ask(write("before", 3)));
        let read = task.ask(|storage: Option<Applied>| async move {
            storage.map(|storage| storage.borrow().clone())
        });
        drop(task.ask(write("after", 0)));
        assert_eq!(pool.run_until(read), Ok(Some(vec!["before".to_owned()])));
        pool.run_until_stalled();
        assert_eq!(*applied.borrow(), ["before", "after"]);
    }

    #[test]
    fn without_a_database_each_job_is_told_so_and_an_unawaited_job_still_runs() {
        let mut pool = LocalPool::new();
        let (task, run) = StorageTask::<Applied>::new(async { None });
        pool.spawner().spawn_local(run).expect("spawned");
        let ran = Rc::new(RefCell::new(false));
        let flag = ran.clone();
        drop(task.ask(move |storage: Option<Applied>| async move {
            *flag.borrow_mut() = storage.is_none();
        }));
        assert_eq!(pool.run_until(task.ask(write("lost", 0))), Ok(false));
        assert!(*ran.borrow());
    }

    #[test]
    fn a_task_that_is_gone_answers_stopped() {
        let (task, run) = StorageTask::<Applied>::new(async { None });
        drop(run);
        assert_eq!(
            futures_executor::block_on(task.ask(write("lost", 0))),
            Err(Stopped)
        );
    }
}
