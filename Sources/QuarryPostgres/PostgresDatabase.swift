import Foundation
import Logging
import NIOCore
import NIOPosix
import PostgresNIO
import Quarry
import QuarrySQL

/// One connection to a PostgreSQL database, for synchronous callers (the command line, a run of
/// a program): each call waits for the server's answer, at most `timeout`.
public final class PostgresDatabase: @unchecked Sendable {
    // @unchecked: the connection is used by one call at a time (`lock`).
    private let connection: PostgresConnection
    private let lock = NSLock()
    let logger = Logger(label: "quarry.postgres")
    /// Where it is, for messages.
    public let address: PostgresAddress
    /// How long one call may wait for the server.
    public let timeout: Duration

    private init(_ connection: PostgresConnection, _ address: PostgresAddress, _ timeout: Duration) {
        self.connection = connection
        self.address = address
        self.timeout = timeout
    }

    /// Connects, or fails with what stopped it (no server, a refused login, no such database).
    public static func connect(_ address: PostgresAddress, timeout: Duration = .seconds(30)) throws(PostgresFailure) -> PostgresDatabase {
        let configuration: PostgresConnection.Configuration
        if let socket = address.socketPath {
            configuration = .init(unixSocketPath: socket, username: address.user, password: address.password, database: address.database)
        } else {
            configuration = .init(host: address.host, port: address.port, username: address.user, password: address.password,
                                  database: address.database, tls: .disable)
        }
        let logger = Logger(label: "quarry.postgres")
        let where_ = "\(address.user)@\(address.socketFolder ?? address.host):\(address.port)/\(address.database)"
        do {
            // Futures, waited for on this thread: the work runs on NIO's threads, never on the
            // threads of Swift's tasks, which a caller may be blocking.
            let connection = try PostgresConnection.connect(on: MultiThreadedEventLoopGroup.singleton.next(), configuration: configuration,
                                                            id: 1, logger: logger).wait()
            return PostgresDatabase(connection, address, timeout)
        } catch {
            throw .connection("cannot connect to \(where_): \(Self.message(error))")
        }
    }

    /// Closes the connection (also done when the last reference goes).
    public func close() {
        lock.lock()
        defer { lock.unlock() }
        guard !closed else { return }
        closed = true
        try? connection.close().wait()
    }


    private var closed = false
    /// The session's `statement_timeout`, in milliseconds, as last set: set again only when a
    /// query's limit differs, which saves a round trip per query.
    private var statementTimeout: Int?

    deinit { close() }

    /// The server's words for an error.
    static func message(_ error: any Error) -> String {
        if let psql = error as? PSQLError {
            if let message = psql.serverInfo?[.message] { return message }
            if let underlying = psql.underlying { return Self.connectionMessage("\(underlying)") }
            return "\(psql.code)"
        }
        return "\(error)"
    }

    /// What a socket's failure means to someone typing a URL, in place of NIO's nested error.
    static func connectionMessage(_ text: String) -> String {
        if text.contains("Connection refused") { return "connection refused: no server is listening there" }
        if text.contains("No such file or directory") { return "no server's socket is in that directory (host=…)" }
        if text.contains("connectTimeout") || text.contains("timed out") { return "the server did not answer in time" }
        return text
    }

    /// Runs a query and returns its rows, each as its cells (for the catalog's few rows).
    func rows(_ text: String, _ parameters: [Value] = [], limit: Duration? = nil) throws(PostgresFailure) -> [[PostgresCell]] {
        try results(text, parameters, limit: limit).map { Array($0) }
    }

    /// Runs a query and returns its rows as they came. The server stops the query after
    /// `limit` (its `statement_timeout`), or the database's `timeout`; this side waits a little
    /// longer, then gives up and closes the connection, so a server that stops answering cannot
    /// hang the caller.
    func results(_ text: String, _ parameters: [Value] = [], limit: Duration? = nil) throws(PostgresFailure) -> [PostgresRow] {
        var binds = PostgresBindings()
        for value in parameters {
            switch value {
            case .int(let i): binds.append(i)
            case .double(let d): binds.append(d)
            case .bool(let b): binds.append(b)
            case .string(let s): binds.append(s)
            default: binds.append(value.description)
            }
        }
        let query = PostgresQuery(unsafeSQL: text, binds: binds)
        let limit = min(limit ?? timeout, timeout)
        let milliseconds = max(1, Int(limit.components.seconds) * 1000 + Int(limit.components.attoseconds / 1_000_000_000_000_000))
        lock.lock()
        defer { lock.unlock() }
        if closed { throw .connection("the connection to the database was closed") }
        do {
            // A transaction's end may undo a SET made inside it (and a failed transaction refuses
            // one): such a statement runs as it is, and the limit is set again afterwards.
            let endsTransaction = ["ROLLBACK", "COMMIT", "ABORT", "END"].contains { text.uppercased().hasPrefix($0) }
            if endsTransaction {
                statementTimeout = nil
            } else if statementTimeout != milliseconds {
                statementTimeout = nil
                _ = try wait(connection.query(PostgresQuery(unsafeSQL: "SET statement_timeout = \(milliseconds)"), logger: logger), milliseconds)
                statementTimeout = milliseconds
            }
            return try wait(connection.query(query, logger: logger), milliseconds).rows
        } catch let failure as PostgresFailure {
            throw failure
        } catch {
            let message = Self.message(error)
            if message.contains("statement timeout") { throw .timeout("the query took longer than its time limit on the server") }
            throw .query(message)
        }
    }

    /// Waits for a result, at most the time limit and five seconds more; then closes the
    /// connection, which fails what is still waiting on it.
    private func wait<T>(_ future: EventLoopFuture<T>, _ milliseconds: Int) throws -> T {
        let promise = future.eventLoop.makePromise(of: T.self)
        future.cascade(to: promise)
        let deadline = future.eventLoop.scheduleTask(in: .milliseconds(Int64(milliseconds) + 5_000)) {
            promise.fail(PostgresFailure.timeout("the server did not answer within its time limit"))
        }
        defer { deadline.cancel() }
        do {
            return try promise.futureResult.wait()
        } catch let failure as PostgresFailure {
            closed = true
            let _: EventLoopFuture<Void> = connection.close()
            throw failure
        }
    }

    /// Runs a query written in SQL and returns its rows as Quarry values, each cell read by its
    /// column's type (for tools that compare hand-written SQL with Quarry's).
    public func values(_ text: String, _ parameters: [Value] = []) throws(PostgresFailure) -> [[Value]] {
        var out: [[Value]] = []
        for row in try results(text, parameters) {
            var values: [Value] = []
            values.reserveCapacity(row.count)
            for cell in row { values.append(try PostgresDecoding.value(cell, .any)) }
            out.append(values)
        }
        return out
    }

    /// Runs statements one after another (no values bound), stopping at the first error.
    public func execute(_ statements: [String]) throws(PostgresFailure) {
        for statement in statements { _ = try results(statement) }
    }

    /// Copies rows into a table with COPY, as text. (postgres-nio offers COPY as async only: it
    /// runs as a task, waited for here at most `timeout`.)
    func copy(into table: String, columns: [String], lines: [String]) throws(PostgresFailure) {
        lock.lock()
        defer { lock.unlock() }
        do {
            try Waiter.wait(for: timeout, what: "copying into \(table)") { [connection, logger] in
                try await connection.copyFrom(table: table, columns: columns, logger: logger) { writer in
                    var buffer = ByteBuffer()
                    for line in lines {
                        buffer.writeString(line)
                        buffer.writeString("\n")
                        if buffer.readableBytes > 1 << 20 {
                            try await writer.write(buffer)
                            buffer.clear()
                        }
                    }
                    if buffer.readableBytes > 0 { try await writer.write(buffer) }
                }
            }
        } catch let failure as PostgresFailure {
            throw failure
        } catch {
            throw .query(Self.message(error))
        }
    }
}

/// Waits on a thread for async work, at most a while.
enum Waiter {
    final class Box<T>: @unchecked Sendable { var result: Result<T, any Error>? }

    static func wait<T>(for limit: Duration, what: String, _ body: @escaping @Sendable () async throws -> T) throws -> T {
        let box = Box<T>()
        let done = DispatchSemaphore(value: 0)
        // On a queue of its own: a caller blocking one of Swift's shared threads here (a test,
        // an async host) cannot leave the task without a thread to run on.
        let task = Task(executorPreference: QueueExecutor.shared) {
            do { box.result = .success(try await body()) } catch { box.result = .failure(error) }
            done.signal()
        }
        let seconds = Double(limit.components.seconds) + Double(limit.components.attoseconds) / 1e18
        if done.wait(timeout: .now() + seconds) == .timedOut {
            task.cancel()
            throw PostgresFailure.timeout("\(what) took longer than \(Int(seconds)) s")
        }
        return try box.result!.get()
    }
}

/// Runs tasks' jobs on a dispatch queue rather than Swift's shared pool of threads, which a
/// synchronous caller may be blocking while it waits for them.
final class QueueExecutor: TaskExecutor, @unchecked Sendable {
    // @unchecked: the queue is the only state, and dispatch queues are thread-safe.
    static let shared = QueueExecutor()
    private let queue = DispatchQueue(label: "quarry.postgres.tasks")

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        queue.async { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}
