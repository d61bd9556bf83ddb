import Foundation

/// Where a PostgreSQL database is, from a URL: `postgresql://user[:password]@host[:port]/database`,
/// or with `?host=/a/folder` the server's Unix socket in that folder (as libpq reads it).
public struct PostgresAddress: Sendable, Equatable {
    public var user: String
    public var password: String?
    public var host: String
    public var port: Int
    public var database: String
    /// The folder of the server's socket, when it is reached through one.
    public var socketFolder: String?

    /// Reads a `postgresql://` (or `postgres://`) URL.
    public init(url text: String) throws(PostgresFailure) {
        guard let components = URLComponents(string: text), ["postgresql", "postgres"].contains(components.scheme ?? "") else {
            throw PostgresFailure.address("\(text): not a postgresql:// URL (postgresql://user@host:port/database)")
        }
        user = components.user?.removingPercentEncoding ?? "postgres"
        password = components.password?.removingPercentEncoding
        port = components.port ?? 5432
        let path = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        database = path.isEmpty ? user : path
        socketFolder = components.queryItems?.first { $0.name == "host" && ($0.value ?? "").hasPrefix("/") }?.value
        host = components.host.flatMap { $0.isEmpty ? nil : $0 } ?? (socketFolder ?? "localhost")
        if let portItem = components.queryItems?.first(where: { $0.name == "port" })?.value {
            guard let p = Int(portItem) else { throw PostgresFailure.address("\(text): the port '\(portItem)' is not a number") }
            port = p
        }
    }

    /// The socket's path, when the server is reached through one.
    var socketPath: String? { socketFolder.map { "\($0)/.s.PGSQL.\(port)" } }
}

/// What went wrong with a database, in a sentence for the user.
public enum PostgresFailure: Error, Sendable, CustomStringConvertible {
    /// The URL does not say where a database is.
    case address(String)
    /// The server cannot be reached, or refused the login.
    case connection(String)
    /// The server reported an error for a query.
    case query(String)
    /// The server did not answer in time.
    case timeout(String)

    public var description: String {
        switch self {
        case .address(let m), .connection(let m), .query(let m), .timeout(let m): return m
        }
    }
}
