namespace LoanPlatform.Testing.Platform;

/// <summary>
/// Fails the request that made an operation answer a problem type it does not declare (so its OpenAPI document lies to
/// generated clients), in the test that sent it: a throw when the platform is disposed shows only as a class cleanup
/// failure, which does not fail the run.
/// </summary>
internal sealed class UndeclaredProblemCheck(RunningPlatform running) : DelegatingHandler(new SocketsHttpHandler())
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if ((int)response.StatusCode < 400)
        {
            return response; // A problem is always an error's answer; a success has nothing to check.
        }

        // The service notes an undeclared type while it writes the problem, so it is seen by the time the answer arrives.
        var fresh = running.TakeNewUndeclaredProblems();
        if (fresh.Length > 0)
        {
            response.Dispose();
            throw new InvalidOperationException(
                $"{request.Method} {request.RequestUri?.AbsolutePath} was answered with a problem type its operation does not declare (add it to .ProducesProblems): {string.Join(", ", fresh)}");
        }

        return response;
    }
}
