package io.jocap.vat.runtime;

import io.jocap.vat.runtime.dispatch.DispatchException;
import io.jocap.vat.runtime.dispatch.Dispatcher;
import io.jocap.vat.runtime.dispatch.InvocationFailure;
import java.util.List;

/** The {@link VatRuntime.MethodInvoker} of real vats: calls by name through the {@link Dispatcher}. */
public final class DispatchingInvoker implements VatRuntime.MethodInvoker {
    /** The one instance (it keeps no state: method tables are cached per class). */
    public static final DispatchingInvoker INSTANCE = new DispatchingInvoker();

    private DispatchingInvoker() {}

    @Override
    public Object invoke(Object target, String method, List<Object> args) throws Throwable {
        try {
            return Dispatcher.invoke(target, method, args);
        } catch (DispatchException e) {
            throw new VatRuntime.CallerMistake(e.getMessage());
        } catch (InvocationFailure e) {
            throw e.getCause();
        }
    }
}
